package io.idbridge.http;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An error as every contract renders it, each in its own shape: the HTTP status, a short machine
 * code, a sentence for people, and what some errors carry besides.
 *
 * @param code lower_snake_case, stable: clients may switch on it
 * @param fields added to the body after the shape's own fields (an {@code enroll_token}, say)
 * @param retryAfter sent as {@code Retry-After} (RFC 9110 §10.2.3), in whole seconds, at least 1
 * @param backend a user directory's own code and message, which VoltMX passes on to Foundry
 */
public record ErrorReply(
    int status,
    String code,
    String message,
    Map<String, Object> fields,
    Optional<Duration> retryAfter,
    Backend backend) {

  /** A backend's own error code and message; empty strings when it gave none. */
  public record Backend(String code, String message) {
    public static final Backend NONE = new Backend("", "");
  }

  public ErrorReply {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public ErrorReply(int status, String code, String message) {
    this(status, code, message, Map.of(), Optional.empty(), Backend.NONE);
  }

  /** The same error with one more body field. */
  public ErrorReply with(String field, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(fields);
    more.put(field, value);
    return new ErrorReply(status, code, message, more, retryAfter, backend);
  }

  public ErrorReply retryingAfter(Duration wait) {
    return new ErrorReply(status, code, message, fields, Optional.of(wait), backend);
  }

  public ErrorReply fromBackend(String backendCode, String backendMessage) {
    return new ErrorReply(
        status,
        code,
        message,
        fields,
        retryAfter,
        new Backend(
            backendCode == null ? "" : backendCode, backendMessage == null ? "" : backendMessage));
  }

  public static ErrorReply badRequest(String message) {
    return new ErrorReply(400, "invalid_request", message);
  }

  /** Too many recent failures for the address or the name: 429, and when to come back. */
  public static ErrorReply tooManyFailures(Duration retryAfter) {
    return new ErrorReply(429, "too_many_failures", "too many failed logins; try again later")
        .retryingAfter(retryAfter);
  }

  public static ErrorReply unauthorized(String message) {
    return new ErrorReply(401, "unauthorized", message);
  }

  public static ErrorReply internal() {
    return new ErrorReply(
        500, "internal_error", "internal error; quote the request id when reporting it");
  }

  public static ErrorReply unavailable(String message) {
    return new ErrorReply(503, "unavailable", message);
  }
}
