package io.idbridge.http;

/** The error for a bare HTTP status that the container or {@code HttpServlet} raised. */
public final class StatusErrors {
  private StatusErrors() {}

  public static ErrorReply of(int status) {
    return switch (status) {
      case 400 -> ErrorReply.badRequest("the request is malformed");
      case 404 -> new ErrorReply(404, "not_found", "no such endpoint");
      case 405 ->
          new ErrorReply(405, "method_not_allowed", "this endpoint does not take that method");
      case 408 -> new ErrorReply(408, "request_timeout", "the request did not arrive in time");
      case 413 -> new ErrorReply(413, "payload_too_large", "the request body is too large");
      case 414 -> new ErrorReply(414, "uri_too_long", "the URL is too long");
      case 415 ->
          new ErrorReply(
              415, "unsupported_media_type", "the request body's type is not accepted here");
      case 431 ->
          new ErrorReply(431, "header_too_large", "the request's header fields are too large");
      case 505 ->
          new ErrorReply(505, "http_version_not_supported", "this server speaks HTTP/1.0 and 1.1");
      case 503 -> ErrorReply.unavailable("the service is unavailable; try again shortly");
      default ->
          status >= 500
              ? ErrorReply.internal()
              : new ErrorReply(status, "error", "the request failed");
    };
  }
}
