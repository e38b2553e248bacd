package io.idbridge.voltmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.idbridge.http.ErrorReply;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoltmxErrorShapeTest {
  static final ErrorReply WRONG =
      new ErrorReply(401, "invalid_credentials", "the user id or password is wrong");

  @Test
  void aBackendsOwnCodeAndMessageArePassedOnWhereFoundryLooksForThem() {
    Map<String, Object> body =
        new VoltmxErrorShape().body(WRONG.fromBackend("123", "backendErrorMessage"), "rid-1");
    assertEquals("123", body.get("backend_error_code"));
    assertEquals("backendErrorMessage", body.get("backend_error_message"));
    assertEquals(
        Map.of("message", WRONG.message(), "errcode", 123L, "errmsg", "backendErrorMessage"),
        body.get("details"));
    assertEquals(WRONG.message(), body.get("message"), "our own sentence stays the message");
  }

  @Test
  void aCodeThatIsNotAWholeNumberStaysTextInDetails() {
    for (String code : new String[] {"E401", "12.5", "1234567890123456789", "-"}) {
      Map<?, ?> details =
          (Map<?, ?>)
              new VoltmxErrorShape().body(WRONG.fromBackend(code, ""), "rid").get("details");
      assertEquals(code, details.get("errcode"));
    }
  }

  @Test
  void withoutABackendCodeOursStandsInForIt() {
    Map<String, Object> body = new VoltmxErrorShape().body(WRONG, "rid-2");
    assertEquals("invalid_credentials", body.get("backend_error_code"));
    assertEquals(WRONG.message(), body.get("backend_error_message"));
    assertEquals("rid-2", body.get("requestid"));
    assertEquals(401, body.get("code"));
    assertEquals(401, body.get("httpStatusCode"));
    assertEquals(401, body.get("opstatus"));
    assertEquals(401, new VoltmxErrorShape().status(WRONG));
  }

  @Test
  void theAttributeEndpointsAnswer200WithTheFailureInTheBody() {
    var shape = VoltmxErrorShape.inBody(VoltmxAttributesServlet.Kind.SECURITY);
    assertEquals(200, shape.status(WRONG));
    assertEquals(
        Map.of("httpStatusCode", 401, "opstatus", 401, "errmsg", WRONG.message()),
        shape.body(WRONG, "rid-3").get("security_attributes"));
  }
}
