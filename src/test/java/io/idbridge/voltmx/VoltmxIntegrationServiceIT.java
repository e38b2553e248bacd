package io.idbridge.voltmx;

import static io.idbridge.voltmx.Foundry.assertError;
import static io.idbridge.voltmx.Foundry.assertInteger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.directory.http.LoginApiBackend;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Foundry logging in through idbridge to a backend that is itself a VoltMX integration service
 * ({@code directory.type=http}): its answers are HTTP 200 with the backend's status inside, its
 * error codes reach Foundry as the seed maps them, and the login's custom key-values reach it.
 */
class VoltmxIntegrationServiceIT {
  static final String SECRET = "provider-setting-secret-0123";
  static LoginApiBackend backend;

  @BeforeAll
  static void start() {
    backend = new LoginApiBackend();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  /** The README's recommended Foundry setup, over the integration service's login. */
  static Map<String, String> props(String... keyValues) {
    Map<String, String> p = Foundry.providerSettingSecret(SECRET);
    p.put("throttle.track", "user");
    p.put("throttle.threshold", "2");
    p.put("directory.type", "http");
    p.put("directory.http.loginUrl", backend.url("/integration"));
    p.put("directory.http.userIdPath", "user.id");
    p.put("directory.http.headers", "X-Api-Key: " + LoginApiBackend.API_KEY);
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  static Foundry foundry(TestServer server) {
    return new Foundry(server, Map.of("idbridge_secret", SECRET));
  }

  @Test
  void aSuccessInsideHttp200IsALogin() {
    try (TestServer server = TestServer.start(props(), new FakeClock())) {
      HttpResponse<String> res = foundry(server).login("alice", "alice-pw");
      assertEquals(200, res.statusCode(), res.body());
      assertEquals("u-1001", Json.parse(res.body()).at("/user_attributes/user_id").asText());
    }
  }

  @Test
  void a401InsideHttp200IsAFailedLoginWhoseNumericCodeIsANumberInDetailsAsTheSeedMapsIt() {
    try (TestServer server = TestServer.start(props(), new FakeClock())) {
      JsonNode body = assertError(foundry(server).login("alice", "wrong"), 401, "123");
      assertInteger(123, body.at("/details/errcode"));
      assertEquals("123", body.get("backend_error_code").textValue());
      assertEquals("backendErrorMessage", body.at("/details/errmsg").asText());
      assertEquals("backendErrorMessage", body.get("backend_error_message").asText());
    }
  }

  @Test
  void aCodeThatIsNotANumberStaysText() {
    try (TestServer server =
        TestServer.start(
            props("directory.http.loginUrl", backend.url("/login")), new FakeClock())) {
      JsonNode body = assertError(foundry(server).login("locked", "x"), 401, "ACCOUNT_LOCKED");
      assertEquals("ACCOUNT_LOCKED", body.at("/details/errcode").textValue());
    }
  }

  @Test
  void a5xxInsideHttp200Is503AndIsNotCountedAsAWrongPassword() {
    try (TestServer server = TestServer.start(props(), new FakeClock())) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> res = foundry(server).login("down", "any-password");
        assertEquals(503, res.statusCode(), res.body());
      }
    }
  }

  @Test
  void aNonZeroOpstatusIsAFailedLoginWhereItsPathIsConfigured() {
    try (TestServer server =
        TestServer.start(props("directory.http.opstatusPath", "opstatus"), new FakeClock())) {
      JsonNode body = assertError(foundry(server).login("halfway", "any-password"), 401, "77");
      assertInteger(77, body.at("/details/errcode"));
    }
    try (TestServer server = TestServer.start(props(), new FakeClock())) {
      HttpResponse<String> res = foundry(server).login("halfway", "any-password");
      assertEquals(200, res.statusCode(), res.body());
    }
  }

  /** Alice's login with the seed's custom key-value {@code callerID} and one more field. */
  static void aliceLogsInWith(TestServer server, String field, String value) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("userid", "alice");
    form.put("password", "alice-pw");
    form.put("callerID", "SAP-SKY");
    form.put(field, value);
    HttpResponse<String> res = foundry(server).post("/voltmx/login", form);
    assertEquals(200, res.statusCode(), res.body());
  }

  @Test
  void theNamedLoginFieldsReachTheBackendAndTheCallerSecretNever() {
    try (TestServer server =
        TestServer.start(props("directory.http.forwardFields", "callerID"), new FakeClock())) {
      aliceLogsInWith(server, "other", "not named");
    }
    assertEquals(
        Map.of("username", "alice", "password", "alice-pw", "callerID", "SAP-SKY"),
        backend.last("/integration").fields());
  }

  @Test
  void aStarForwardsEveryOtherFieldInTheBackendsFormatButNotTheSecretOrTheMfaKey() {
    try (TestServer server =
        TestServer.start(
            props("directory.http.forwardFields", "*", "directory.http.format", "json"),
            new FakeClock())) {
      aliceLogsInWith(server, "mfa_key", "not-for-the-backend");
    }
    LoginApiBackend.Received sent = backend.last("/integration");
    assertEquals("application/json", sent.contentType());
    assertEquals(
        Map.of("username", "alice", "password", "alice-pw", "callerID", "SAP-SKY"), sent.fields());
    assertFalse(sent.fields().containsValue(SECRET));
  }
}
