package io.idbridge.voltmx;

import io.idbridge.http.ErrorReply;
import io.idbridge.http.ErrorShape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The VoltMX error bodies: the custom identity agreement's own fields together with those Foundry
 * reads from an integration service ({@code httpStatusCode}, {@code opstatus}, {@code errmsg},
 * {@code backend_error_code}, {@code backend_error_message}), so that both ways of configuring the
 * endpoint find theirs. Login, logout and MFA validate answer with the error's HTTP status, since
 * Foundry counts 401s as failures.
 */
public final class VoltmxErrorShape implements ErrorShape {

  /**
   * The attribute endpoints: HTTP 200 even on failure, the failure in the body (agreement, "Sample
   * for Failure Response"), both at the top and inside the attributes object that Foundry merges.
   */
  public static ErrorShape inBody(VoltmxAttributesServlet.Kind kind) {
    return new ErrorShape() {
      @Override
      public Map<String, Object> body(ErrorReply error, String requestId) {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("httpStatusCode", error.status());
        failure.put("opstatus", error.status());
        failure.put("errmsg", error.message());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(kind.field(), failure);
        body.putAll(new VoltmxErrorShape().body(error, requestId));
        return body;
      }

      @Override
      public int status(ErrorReply error) {
        return 200;
      }
    };
  }

  /**
   * {@code code} and {@code opstatus} are the HTTP status (the agreement fixes no numbers); the
   * backend's own code and message are passed on when a backend gave them, else ours stand in for
   * them. {@code details.errcode} is a JSON number when the code is one, as Foundry maps an
   * integration service's {@code "backend_error_code":"123"} to {@code "errcode":123}.
   */
  @Override
  public Map<String, Object> body(ErrorReply error, String requestId) {
    String backendCode = error.backend().code();
    String backendMessage = error.backend().message();
    String errcode = backendCode.isEmpty() ? error.code() : backendCode;
    String errmsg = backendMessage.isEmpty() ? error.message() : backendMessage;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("message", error.message());
    details.put("errcode", numberOrText(errcode));
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

  private static Object numberOrText(String code) {
    return code.matches("-?\\d{1,18}") ? (Object) Long.parseLong(code) : code;
  }
}
