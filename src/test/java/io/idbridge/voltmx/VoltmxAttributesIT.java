package io.idbridge.voltmx;

import static io.idbridge.voltmx.Foundry.assertErrorFields;
import static io.idbridge.voltmx.Foundry.assertInteger;
import static io.idbridge.voltmx.Foundry.assertShape;
import static io.idbridge.voltmx.Foundry.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.jwt.Pem;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestKeys;
import io.idbridge.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The user and security attribute endpoints, called as Foundry calls them: with a claims token
 * naming the user in {@code X-VoltMX-Authorization} or {@code X-Kony-Authorization}, and every
 * failure answered with HTTP 200.
 */
class VoltmxAttributesIT {
  static final FakeClock CLOCK = new FakeClock();
  static final KeyPair FOUNDRY = TestKeys.ec();
  static final KeyPair IMPOSTOR = TestKeys.ec();
  static final String SECRET = "foundry-caller-secret-42";
  static TestServer server;
  static Foundry foundry;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "voltmx.foundry.publicKey",
                Pem.toPem(FOUNDRY.getPublic()),
                "voltmx.securityAttributes",
                "ssn,card"),
            CLOCK);
    server.addUser("alice", "alice-pass", Map.of("role", "admin", "ssn", "078-05-1120"));
    server.addUser("bob", "bob-pass", Map.of());
    foundry = new Foundry(server, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String claimsToken(
      KeyPair keys, String claim, String userId, long expiresInSeconds) {
    return Foundry.claimsToken(keys, claim, userId, CLOCK.instant(), expiresInSeconds);
  }

  private static String aliceToken() {
    return claimsToken(FOUNDRY, "_prov_userid", "id-alice", 3600);
  }

  private static HttpResponse<String> get(TestServer on, String path, String... headers) {
    return on.send(HttpRequest.newBuilder(on.uri(path)).GET(), headers);
  }

  /**
   * A failure: HTTP 200, the status and message in the body, at the top and inside the attributes
   * object.
   */
  private static JsonNode assertFailure(
      HttpResponse<String> res, String field, int status, String errcode) {
    assertEquals(
        200, res.statusCode(), "the agreement answers failures with HTTP 200: " + res.body());
    JsonNode body = Json.parse(res.body());
    assertErrorFields(
        body, status, errcode, res.headers().firstValue("X-Request-Id").orElseThrow());
    assertInteger(status, body.at("/" + field + "/httpStatusCode"));
    assertInteger(status, body.at("/" + field + "/opstatus"));
    assertEquals(body.get("errmsg"), body.at("/" + field + "/errmsg"));
    return body;
  }

  @Test
  void aSignedClaimsTokenGetsTheUsersAttributesButNotItsSecurityAttributes() {
    HttpResponse<String> res =
        get(server, "/voltmx/user-attributes", "X-VoltMX-Authorization", aliceToken());
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertShape("user-attributes.json", body);
    JsonNode user = body.get("user_attributes");
    assertEquals("application/json", user.get("content_type").asText());
    assertEquals("id-alice", user.get("user_id").asText());
    assertEquals("alice", user.get("username").asText());
    assertEquals("admin", user.get("role").asText());
    assertNull(user.get("ssn"));
    assertInteger(200, body.get("httpStatusCode"));
    assertInteger(0, body.get("opstatus"));
  }

  @Test
  void securityAttributesAnswerUnderSecurityAttributesAndTheKonyHeaderWorksToo() {
    HttpResponse<String> res =
        get(server, "/voltmx/security-attributes", "X-Kony-Authorization", aliceToken());
    assertEquals(200, res.statusCode(), res.body());
    JsonNode security = Json.parse(res.body()).get("security_attributes");
    assertEquals("id-alice", security.get("user_id").asText());
    assertEquals("078-05-1120", security.get("ssn").asText());
    assertNull(security.get("role"), "user attributes stay out");
    assertNull(Json.parse(res.body()).get("user_attributes"));
  }

  @Test
  void theUserIdComesFromProvUseridElseUserIdElseSub() {
    for (String claim : new String[] {"user_id", "sub"}) {
      HttpResponse<String> res =
          get(
              server,
              "/voltmx/user-attributes",
              "X-VoltMX-Authorization",
              claimsToken(FOUNDRY, claim, "id-bob", 60));
      assertEquals("id-bob", Json.parse(res.body()).at("/user_attributes/user_id").asText(), claim);
    }
    HttpResponse<String> none =
        get(
            server,
            "/voltmx/user-attributes",
            "X-VoltMX-Authorization",
            claimsToken(FOUNDRY, "name", "id-bob", 60));
    assertFailure(none, "user_attributes", 401, "invalid_claims_token");
  }

  @Test
  void attributesAreXmlWhenAcceptPrefersIt() {
    Document doc =
        Foundry.xml(
            get(
                server,
                "/voltmx/user-attributes",
                "X-VoltMX-Authorization",
                aliceToken(),
                "Accept",
                "application/xml"));
    assertEquals("id-alice", at(doc, "/response/user_attributes/user_id"));
    assertEquals("admin", at(doc, "/response/user_attributes/role"));
    Document failure =
        Foundry.xml(get(server, "/voltmx/security-attributes", "Accept", "application/xml"));
    assertEquals("401", at(failure, "/response/security_attributes/httpStatusCode"));
    assertEquals("missing_claims_token", at(failure, "/response/details/errcode"));
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefusedInTheBodyWithHttp200() {
    HttpResponse<String> res =
        get(
            server,
            "/voltmx/user-attributes",
            "X-VoltMX-Authorization",
            claimsToken(IMPOSTOR, "_prov_userid", "id-alice", 3600));
    JsonNode body = assertFailure(res, "user_attributes", 401, "invalid_claims_token");
    assertShape("attributes-failure.json", body);
    assertNull(body.at("/user_attributes/user_id").textValue(), "nothing of the user");
  }

  @Test
  void anExpiredOrUnsignedTokenIsRefused() {
    assertFailure(
        get(
            server,
            "/voltmx/user-attributes",
            "X-VoltMX-Authorization",
            claimsToken(FOUNDRY, "_prov_userid", "id-alice", -300)),
        "user_attributes",
        401,
        "invalid_claims_token");
    String unsigned = "eyJhbGciOiJub25lIn0.eyJfcHJvdl91c2VyaWQiOiJpZC1hbGljZSJ9.";
    assertFailure(
        get(server, "/voltmx/security-attributes", "X-VoltMX-Authorization", unsigned),
        "security_attributes",
        401,
        "invalid_claims_token");
  }

  @Test
  void noClaimsTokenIsRefusedAndAnUnknownUserIs404InTheBody() {
    assertFailure(
        get(server, "/voltmx/user-attributes"), "user_attributes", 401, "missing_claims_token");
    assertFailure(
        get(
            server,
            "/voltmx/user-attributes",
            "X-VoltMX-Authorization",
            claimsToken(FOUNDRY, "_prov_userid", "id-nobody", 60)),
        "user_attributes",
        404,
        "unknown_user");
  }

  @Test
  void aSessionTokenSentAlongMustBeALiveSessionOfTheSameUser() {
    String session = foundry.sessionToken("alice", "alice-pass");
    String path = "/voltmx/user-attributes?session_token=" + session;
    assertEquals(
        200,
        Json.parse(get(server, path, "X-VoltMX-Authorization", aliceToken()).body())
            .get("httpStatusCode")
            .asInt());
    assertFailure(
        get(server, path, "X-VoltMX-Authorization", claimsToken(FOUNDRY, "sub", "id-bob", 60)),
        "user_attributes",
        401,
        "invalid_session");
    assertEquals(200, foundry.logout(session).statusCode());
    assertFailure(
        get(server, path, "X-VoltMX-Authorization", aliceToken()),
        "user_attributes",
        401,
        "invalid_session");
  }

  @Test
  void anotherMethodIsRefusedInTheBodyToo() {
    HttpResponse<String> res =
        server.postForm(
            "/voltmx/user-attributes", Map.of(), "X-VoltMX-Authorization", aliceToken());
    assertFailure(res, "user_attributes", 405, "method_not_allowed");
  }

  @Test
  void withoutAFoundryKeyAnUnsignedTokenIsBelievedFromAnAuthenticatedCallerOnly() {
    String unverified = claimsToken(IMPOSTOR, "_prov_userid", "id-carol", 60);
    try (TestServer trusted =
        TestServer.start(
            Map.of("voltmx.caller.mode", "secret", "voltmx.caller.secret", SECRET), CLOCK)) {
      trusted.addUser("carol", "carol-pass", Map.of());
      HttpResponse<String> res =
          get(
              trusted,
              "/voltmx/user-attributes",
              "X-VoltMX-Authorization",
              unverified,
              "X-IdBridge-Secret",
              SECRET);
      assertEquals(
          "id-carol", Json.parse(res.body()).at("/user_attributes/user_id").asText(), res.body());
      assertFailure(
          get(trusted, "/voltmx/user-attributes", "X-VoltMX-Authorization", unverified),
          "user_attributes",
          403,
          "caller_unauthorized");
    }
    try (TestServer open = TestServer.start(Map.of(), CLOCK)) {
      open.addUser("carol", "carol-pass", Map.of());
      JsonNode body =
          assertFailure(
              get(open, "/voltmx/user-attributes", "X-VoltMX-Authorization", unverified),
              "user_attributes",
              401,
              "untrusted_claims_token");
      assertEquals(
          "claims tokens cannot be trusted here: the server needs voltmx.foundry.publicKey or an "
              + "authenticated caller (voltmx.caller.mode)",
          body.get("message").asText());
    }
  }
}
