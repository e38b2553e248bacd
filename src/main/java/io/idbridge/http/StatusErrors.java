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
      case 413 -> new ErrorReply(413, "payload_too_large", "the request body is too large");
      case 415 ->
          new ErrorReply(
              415, "unsupported_media_type", "the request body's type is not accepted here");
      case 503 -> ErrorReply.unavailable("the service is unavailable; try again shortly");
      default ->
          status >= 500
              ? ErrorReply.internal()
              : new ErrorReply(status, "error", "the request failed");
    };
  }
}
