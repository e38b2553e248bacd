package io.idbridge.voltmx;

import io.idbridge.http.ApiError;
import io.idbridge.http.ErrorShape;
import io.idbridge.http.HttpError;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The VoltMX error bodies: the custom identity agreement's own fields together with those Foundry
 * reads from an integration service ({@code httpStatusCode}, {@code opstatus}, {@code errmsg},
 * {@code backend_error_code}, {@code backend_error_message}), so that both ways of configuring the
 * endpoint find theirs.
 */
public final class VoltmxErrors {
  /**
   * Login, logout and MFA validate: the HTTP status is the error's, since Foundry counts 401s as
   * failures.
   */
  public static final ErrorShape SHAPE = (error, requestId) -> body(error, "", "", requestId);

  /**
   * The attribute endpoints: HTTP 200 even on failure, the failure in the body (agreement, "Sample
   * for Failure Response"), both at the top and inside the attributes object that Foundry merges.
   */
  public static ErrorShape inBody(VoltmxAttributesServlet.Kind kind) {
    return new ErrorShape() {
      @Override
      public Map<String, Object> body(ApiError error, String requestId) {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("httpStatusCode", error.status());
        failure.put("opstatus", error.status());
        failure.put("errmsg", error.message());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(kind.field(), failure);
        body.putAll(VoltmxErrors.body(error, "", "", requestId));
        return body;
      }

      @Override
      public int status(ApiError error) {
        return 200;
      }
    };
  }

  private VoltmxErrors() {}

  /** Too many failures for the address or the name: 429 and when to come back. */
  static HttpError throttled(HttpServletResponse res, Duration retryAfter) {
    res.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    return new HttpError(429, "too_many_failures", "too many failed logins; try again later");
  }

  /**
   * The error body. {@code code} and {@code opstatus} are the HTTP status (the agreement fixes no
   * numbers); the backend's own code and message are passed on when a backend gave them, else ours
   * stand in for them.
   */
  public static Map<String, Object> body(
      ApiError error, String backendCode, String backendMessage, String requestId) {
    String errcode = backendCode == null || backendCode.isEmpty() ? error.code() : backendCode;
    String errmsg =
        backendMessage == null || backendMessage.isEmpty() ? error.message() : backendMessage;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("message", error.message());
    details.put("errcode", errcode);
    details.put("errmsg", errmsg);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("domain", "custom");
    body.put("code", error.status());
    body.put("message", error.message());
    body.put("details", details);
    body.put("requestid", requestId);
    body.put("httpStatusCode", error.status());
    body.put("opstatus", error.status());
    body.put("errmsg", error.message());
    body.put("backend_error_code", errcode);
    body.put("backend_error_message", errmsg);
    return body;
  }
}
