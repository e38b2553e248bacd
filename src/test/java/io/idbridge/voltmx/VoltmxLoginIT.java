package io.idbridge.voltmx;

import static io.idbridge.voltmx.Foundry.assertError;
import static io.idbridge.voltmx.Foundry.assertInteger;
import static io.idbridge.voltmx.Foundry.assertShape;
import static io.idbridge.voltmx.Foundry.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Foundry's custom identity service over real HTTP: login, the MFA step, logout, and every error
 * answer.
 */
class VoltmxLoginIT {
  static final String SECRET = "provider-setting-secret-0123";
  static TestServer server;
  static Foundry foundry;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "voltmx.caller.mode",
                "secret",
                "voltmx.caller.secret",
                SECRET,
                "voltmx.caller.secret.field",
                "idbridge_secret",
                "voltmx.securityAttributes",
                "ssn",
                "http.trustedProxies",
                "127.0.0.1,::1",
                "throttle.userThreshold",
                "50"),
            new FakeClock());
    server.addUser(
        "alice",
        "correct horse",
        Map.of("role", "admin", "first_name", "Alice", "ssn", "078-05-1120"));
    server.addUser("mallory", "mallory-pass", Map.of());
    server
        .users()
        .update(
            server
                .users()
                .findByUsername("mallory")
                .orElseThrow()
                .withTotp("JBSWY3DPEHPK3PXP", true));
    server.addUser("dora", "dora-pass", Map.of());
    server.users().update(server.users().findByUsername("dora").orElseThrow().withDisabled(true));
    // A provider setting the backend does not know travels along and is ignored.
    foundry = new Foundry(server, Map.of("idbridge_secret", SECRET, "backend_config_key", "value"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static int nextIp = 1;

  /** Failures are counted per address: each test that fails logins does so from its own. */
  private static synchronized String[] fromFreshIp(String... headers) {
    nextIp++;
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = "X-Forwarded-For";
    all[headers.length + 1] = "198.51.100." + nextIp;
    return all;
  }

  @Test
  void loginAnswersTheAgreementsSuccessSample() {
    HttpResponse<String> res = foundry.login("alice", "correct horse");
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertShape("login-success.json", body);
    assertInteger(200, body.get("httpStatusCode"));
    assertInteger(3_600_000, body.at("/security_attributes/session_ttl"));
    assertTrue(body.at("/security_attributes/session_token").asText().split("\\.").length == 3);
    assertEquals(
        "078-05-1120", body.at("/security_attributes/ssn").asText(), "a security attribute");
    JsonNode user = body.get("user_attributes");
    assertEquals("id-alice", user.get("user_id").asText());
    assertEquals("alice", user.get("username").asText());
    assertEquals("alice@example.com", user.get("email").asText());
    assertEquals("admin", user.get("role").asText());
    assertEquals("Alice", user.get("first_name").asText());
    assertNull(user.get("ssn"), "security attributes never reach the client app");
    assertNull(body.get("is_mfa_enabled"), "absent: the service does not have MFA enabled");
  }

  @Test
  void loginAnswersXmlWhenAcceptPrefersIt() {
    Document doc =
        Foundry.xml(foundry.login("alice", "correct horse", "Accept", "application/xml"));
    assertEquals("id-alice", at(doc, "/response/user_attributes/user_id"));
    assertEquals("admin", at(doc, "/response/user_attributes/role"));
    assertEquals("3600000", at(doc, "/response/security_attributes/session_ttl"));
    assertEquals(3, at(doc, "/response/security_attributes/session_token").split("\\.").length);
    assertEquals("200", at(doc, "/response/httpStatusCode"));
  }

  @Test
  void loginAcceptsAJsonBodyToo() {
    HttpResponse<String> res =
        server.postJson(
            "/voltmx/login",
            "{\"userid\":\"alice\",\"password\":\"correct horse\",\"idbridge_secret\":\""
                + SECRET
                + "\"}");
    assertEquals(200, res.statusCode(), res.body());
    assertEquals("id-alice", Json.parse(res.body()).at("/user_attributes/user_id").asText());
  }

  @Test
  void aUserWithMfaGetsTheMfaStepAndNoAttributes() {
    HttpResponse<String> res = foundry.login("mallory", "mallory-pass");
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertShape("login-mfa.json", body);
    assertTrue(body.get("is_mfa_enabled").asBoolean());
    assertEquals("otp", body.at("/mfa_meta/type").asText());
    assertInteger(6, body.at("/mfa_meta/digits"));
    assertNull(body.get("security_attributes"), "no session before the second factor");
    assertNull(body.get("user_attributes"));
  }

  @Test
  void wrongPasswordUnknownUserAndDisabledUserGetTheSame401WithEveryErrorField() {
    List<HttpResponse<String>> answers =
        List.of(
            foundry.login("alice", "wrong", fromFreshIp()),
            foundry.login("nobody", "wrong", fromFreshIp()),
            foundry.login("dora", "dora-pass", fromFreshIp()));
    for (HttpResponse<String> res : answers) {
      JsonNode body = assertError(res, 401, "invalid_credentials");
      ((ObjectNode) body).remove("requestid");
      ObjectNode first = (ObjectNode) Json.parse(answers.get(0).body());
      first.remove("requestid");
      assertEquals(first, body, "one answer, whichever of the three it was");
    }
  }

  @Test
  void errorsAreXmlWithEveryFieldWhenAcceptPrefersXml() {
    HttpResponse<String> res =
        foundry.login(
            "alice",
            "wrong",
            fromFreshIp("Accept", "application/xml", "X-VoltMX-RequestId", "rid-xml-1"));
    assertEquals(401, res.statusCode());
    Document doc = Foundry.xml(res);
    assertEquals("custom", at(doc, "/response/domain"));
    assertEquals("401", at(doc, "/response/code"));
    assertEquals("the user id or password is wrong", at(doc, "/response/message"));
    assertEquals("the user id or password is wrong", at(doc, "/response/details/message"));
    assertEquals("invalid_credentials", at(doc, "/response/details/errcode"));
    assertEquals("the user id or password is wrong", at(doc, "/response/details/errmsg"));
    assertEquals("rid-xml-1", at(doc, "/response/requestid"));
    assertEquals("401", at(doc, "/response/httpStatusCode"));
    assertEquals("401", at(doc, "/response/opstatus"));
    assertEquals("invalid_credentials", at(doc, "/response/backend_error_code"));
    assertEquals("the user id or password is wrong", at(doc, "/response/backend_error_message"));
  }

  @Test
  void missingOrEmptyCredentialsAre400NamingTheField() {
    HttpResponse<String> missing = foundry.post("/voltmx/login", Map.of("password", "x"));
    assertEquals(
        "missing parameter: userid",
        assertError(missing, 400, "invalid_request").get("message").asText());
    HttpResponse<String> empty = foundry.login("alice", "");
    assertEquals(
        "missing parameter: password",
        assertError(empty, 400, "invalid_request").get("message").asText());
  }

  @Test
  void aPasswordInTheQueryStringIsRefusedNeverRead() {
    HttpResponse<String> onlyInQuery =
        foundry.post("/voltmx/login?password=correct%20horse", Map.of("userid", "alice"));
    assertEquals(
        "password must be sent in the request body (a form or a JSON object), never in the URL,"
            + " which proxies and logs keep",
        assertError(onlyInQuery, 400, "invalid_request").get("message").asText());
    HttpResponse<String> alsoInBody =
        foundry.post(
            "/voltmx/login?password=correct%20horse",
            Map.of("userid", "alice", "password", "correct horse"));
    assertError(alsoInBody, 400, "invalid_request");
  }

  @Test
  void theSharedSecretMissingOrWrongIs403NeverThe401FoundryCountsAsAWrongPassword() {
    HttpResponse<String> missing =
        server.postForm("/voltmx/login", Map.of("userid", "alice", "password", "x"));
    assertError(missing, 403, "caller_unauthorized");
    HttpResponse<String> wrong =
        server.postForm(
            "/voltmx/login",
            Map.of(
                "userid",
                "alice",
                "password",
                "correct horse",
                "idbridge_secret",
                "not-the-secret-at-all"));
    assertError(wrong, 403, "caller_forbidden");
  }

  @Test
  void theSharedSecretMayComeAsAProviderHeaderInstead() {
    HttpResponse<String> res =
        server.postForm(
            "/voltmx/login",
            Map.of("userid", "alice", "password", "correct horse"),
            "X-IdBridge-Secret",
            SECRET);
    assertEquals(200, res.statusCode(), res.body());
  }

  @Test
  void echoesVoltmxAndKonyRequestIdsInHeadersAndErrorBodies() {
    HttpResponse<String> voltmx =
        foundry.login("alice", "wrong", fromFreshIp("X-VoltMX-RequestId", "rid-voltmx-7"));
    assertEquals("rid-voltmx-7", voltmx.headers().firstValue("X-VoltMX-RequestId").orElseThrow());
    assertEquals("rid-voltmx-7", Json.parse(voltmx.body()).get("requestid").asText());
    HttpResponse<String> kony =
        foundry.login("alice", "wrong", fromFreshIp("X-Kony-RequestId", "rid-kony-7"));
    assertEquals("rid-kony-7", kony.headers().firstValue("X-Kony-RequestId").orElseThrow());
    assertEquals("rid-kony-7", Json.parse(kony.body()).get("requestid").asText());
    HttpResponse<String> ok =
        foundry.login("alice", "correct horse", "X-Kony-RequestId", "rid-kony-8");
    assertEquals("rid-kony-8", ok.headers().firstValue("X-Kony-RequestId").orElseThrow());
  }

  @Test
  void logoutAnswers200WithNoBodyAndTheTokenThenFailsWith401() {
    String token = foundry.sessionToken("alice", "correct horse");
    HttpResponse<String> out = foundry.logout(token);
    assertEquals(200, out.statusCode(), out.body());
    assertEquals("", out.body());
    HttpResponse<String> again = foundry.logout(token);
    assertShape("logout-failure.json", assertError(again, 401, "invalid_session"));
  }

  @Test
  void logoutOfAForgedTokenIs401() {
    assertError(
        foundry.logout("eyJhbGciOiJub25lIn0.eyJzdWIiOiJpZC1hbGljZSJ9."), 401, "invalid_session");
    assertError(foundry.logout("not a token"), 401, "invalid_session");
  }

  @Test
  void logoutFailuresAreXmlWhenAcceptPrefersXml() {
    Document doc =
        Foundry.xml(
            foundry.logout("nonsense", "Accept", "application/xml", "X-Kony-RequestId", "r-x"));
    assertEquals("custom", at(doc, "/response/domain"));
    assertEquals("invalid_session", at(doc, "/response/details/errcode"));
    assertEquals("r-x", at(doc, "/response/requestid"));
  }

  @Test
  void mfaValidateWithoutAKeyIs400AndWithAnInvalidKeyIs401() {
    assertError(foundry.post("/voltmx/mfa/validate", Map.of()), 400, "invalid_request");
    assertError(
        foundry.post("/voltmx/mfa/validate", Map.of("mfa_key", "guess")), 401, "invalid_mfa_key");
    assertError(
        foundry.post("/voltmx/mfa/validate", Map.of("mfa_Key", "guess")), 401, "invalid_mfa_key");
  }

  @Test
  void unknownPathsAndWrongMethodsAnswerInTheVoltmxShape() {
    assertError(foundry.post("/voltmx/nowhere", Map.of()), 404, "not_found");
    HttpResponse<String> get =
        server.send(
            HttpRequest.newBuilder(server.uri("/voltmx/login")).GET(), "X-IdBridge-Secret", SECRET);
    assertError(get, 405, "method_not_allowed");
  }

  @Test
  void aServiceWithMfaEnabledSaysSoInEveryLoginAnswer() {
    try (TestServer mfa = TestServer.start(Map.of("voltmx.mfa.enabled", "true"), new FakeClock())) {
      mfa.addUser("bob", "bob-pass", Map.of());
      mfa.addUser("eve", "eve-pass", Map.of());
      mfa.users()
          .update(
              mfa.users().findByUsername("eve").orElseThrow().withTotp("JBSWY3DPEHPK3PXP", true));
      Foundry f = new Foundry(mfa, Map.of());
      JsonNode bob = Json.parse(f.login("bob", "bob-pass").body());
      assertFalse(bob.get("is_mfa_enabled").asBoolean());
      assertTrue(bob.get("is_mfa_enabled").isBoolean());
      assertShape("login-success.json", bob);
      JsonNode eve = Json.parse(f.login("eve", "eve-pass").body());
      assertTrue(eve.get("is_mfa_enabled").asBoolean());
      assertNull(eve.get("user_attributes"));
    }
  }

  @Test
  void theCredentialFieldNamesAreConfigurable() {
    try (TestServer other =
        TestServer.start(
            Map.of("voltmx.login.useridField", "user", "voltmx.login.passwordField", "pin"),
            new FakeClock())) {
      other.addUser("carol", "4711-carol", Map.of());
      HttpResponse<String> res =
          other.postForm("/voltmx/login", Map.of("user", "carol", "pin", "4711-carol"));
      assertEquals(200, res.statusCode(), res.body());
      assertError(
          other.postForm("/voltmx/login", Map.of("userid", "carol", "password", "4711-carol")),
          400,
          "invalid_request");
    }
  }

  @Test
  void aRenamedPasswordFieldIsReadFromTheBodyOnly() {
    try (TestServer other =
        TestServer.start(
            Map.of("voltmx.login.useridField", "user", "voltmx.login.passwordField", "pin"),
            new FakeClock())) {
      other.addUser("carol", "4711-carol", Map.of());
      HttpResponse<String> onlyInQuery =
          other.postForm("/voltmx/login?pin=4711-carol", Map.of("user", "carol"));
      assertEquals(
          "missing parameter: pin",
          assertError(onlyInQuery, 400, "invalid_request").get("message").asText());
      HttpResponse<String> wrongInBody =
          other.postForm("/voltmx/login?pin=4711-carol", Map.of("user", "carol", "pin", "x"));
      assertError(wrongInBody, 401, "invalid_credentials");
      HttpResponse<String> inBody =
          other.postForm("/voltmx/login?pin=x", Map.of("user", "carol", "pin", "4711-carol"));
      assertEquals(200, inBody.statusCode(), inBody.body());
    }
  }
}
