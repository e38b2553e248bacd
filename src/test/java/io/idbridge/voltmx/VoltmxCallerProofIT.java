package io.idbridge.voltmx;

import static io.idbridge.voltmx.Foundry.assertError;
import static io.idbridge.voltmx.Foundry.assertErrorFields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.directory.User;
import io.idbridge.jwt.Pem;
import io.idbridge.mfa.Base32;
import io.idbridge.mfa.Totp;
import io.idbridge.mfa.TotpEnrollment;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestKeys;
import io.idbridge.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's recommended Foundry setup (the shared secret as a provider setting, and Foundry's
 * public key), with every call shaped as the agreement shows it: the provider setting reaches only
 * the login, so each other call proves its caller with what it carries.
 */
class VoltmxCallerProofIT {
  static final String SECRET = "provider-setting-secret-0123";
  static final FakeClock CLOCK = new FakeClock(Instant.parse("2026-05-04T10:00:05Z"));
  static final KeyPair FOUNDRY = TestKeys.ec();
  static final KeyPair IMPOSTOR = TestKeys.ec();
  static TestServer server;
  static Foundry foundry;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Foundry.providerSettingSecret(
                SECRET,
                "voltmx.foundry.publicKey",
                Pem.toPem(FOUNDRY.getPublic()),
                "throttle.track",
                "user"),
            CLOCK);
    server.addUser("alice", "alice-pass", Map.of("role", "admin"));
    foundry = new Foundry(server, Map.of("idbridge_secret", SECRET));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The call without Foundry's provider settings: only what the agreement's sample shows. */
  static HttpResponse<String> bare(String path, Map<String, String> form) {
    return server.postForm(path, form);
  }

  static HttpResponse<String> attributes(String path, String claimsToken) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path)).GET(), "X-VoltMX-Authorization", claimsToken);
  }

  /** The attribute endpoints' failure: HTTP 200, the error in the body. */
  static void assertFailureInBody(HttpResponse<String> res, int status, String errcode) {
    assertEquals(200, res.statusCode(), res.body());
    assertErrorFields(
        Json.parse(res.body()),
        status,
        errcode,
        res.headers().firstValue("X-Request-Id").orElseThrow());
  }

  @Test
  void aLoginWithoutTheProviderSettingIs403NeverThe401FoundryCountsAsAWrongPassword() {
    assertError(
        bare("/voltmx/login", Map.of("userid", "alice", "password", "alice-pass")),
        403,
        "caller_unauthorized");
    assertError(
        bare(
            "/voltmx/login",
            Map.of("userid", "alice", "password", "alice-pass", "idbridge_secret", "wrong-secret")),
        403,
        "caller_forbidden");
    assertEquals(200, foundry.login("alice", "alice-pass").statusCode());
  }

  @Test
  void aClaimsTokenSignedByFoundryIsTheProofOnBothAttributeEndpoints() {
    String token = Foundry.claimsToken(FOUNDRY, "_prov_userid", "id-alice", CLOCK.instant(), 600);
    HttpResponse<String> user = attributes("/voltmx/user-attributes", token);
    assertEquals(
        "admin", Json.parse(user.body()).at("/user_attributes/role").asText(), user.body());
    HttpResponse<String> security = attributes("/voltmx/security-attributes", token);
    assertEquals(
        "id-alice",
        Json.parse(security.body()).at("/security_attributes/user_id").asText(),
        security.body());

    String forged = Foundry.claimsToken(IMPOSTOR, "_prov_userid", "id-alice", CLOCK.instant(), 600);
    assertFailureInBody(attributes("/voltmx/user-attributes", forged), 401, "invalid_claims_token");
  }

  @Test
  void withoutFoundrysKeyTheAttributeEndpointsStillNeedTheSecret() {
    try (TestServer noKey = TestServer.start(Foundry.providerSettingSecret(SECRET), CLOCK)) {
      noKey.addUser("alice", "alice-pass", Map.of());
      String token = Foundry.claimsToken(IMPOSTOR, "_prov_userid", "id-alice", CLOCK.instant(), 60);
      HttpResponse<String> res =
          noKey.send(
              HttpRequest.newBuilder(noKey.uri("/voltmx/user-attributes")).GET(),
              "X-VoltMX-Authorization",
              token);
      assertFailureInBody(res, 403, "caller_unauthorized");
    }
  }

  @Test
  void aLogoutCarryingOnlyTheSessionTokenIsProvedByIt() {
    String token = foundry.sessionToken("alice", "alice-pass");
    HttpResponse<String> out = bare("/voltmx/logout", Map.of("session_token", token));
    assertEquals(200, out.statusCode(), out.body());
    assertEquals("", out.body());
    assertError(bare("/voltmx/logout", Map.of("session_token", token)), 401, "invalid_session");
    assertError(
        bare("/voltmx/logout", Map.of("session_token", "eyJhbGciOiJub25lIn0.e30.")),
        401,
        "invalid_session");
  }

  @Test
  void aSecretSentAlongMustStillBeTheRightOne() {
    String token = foundry.sessionToken("alice", "alice-pass");
    assertError(
        bare("/voltmx/logout", Map.of("session_token", token, "idbridge_secret", "wrong-secret")),
        403,
        "caller_forbidden");
    assertEquals(200, foundry.logout(token).statusCode(), "the session was left alone");
  }

  @Test
  void aLogoutWithoutASessionTokenIs200WithNoBody() {
    for (HttpResponse<String> res :
        new HttpResponse[] {
          foundry.post("/voltmx/logout", Map.of()), bare("/voltmx/logout", Map.of())
        }) {
      assertEquals(200, res.statusCode(), res.body());
      assertEquals("", res.body());
    }
  }

  @Test
  void anMfaValidateCarryingOnlyTheMfaKeyIsProvedByIt() {
    User user = server.addUser("mia", "mia-pass", Map.of());
    user =
        new TotpEnrollment(server.users(), server.config().mfa(), new SecureRandom())
            .enroll(user, true)
            .user();
    HttpResponse<String> login = foundry.login("mia", "mia-pass");
    String mfaToken = Json.parse(login.body()).at("/mfa_meta/mfa_token").asText();
    Totp totp = server.config().mfa().totp();
    String code = totp.code(Base32.decode(user.totpSecret()), totp.step(CLOCK.instant()));
    HttpResponse<String> verified =
        server.postForm("/api/mfa/verify", Map.of("mfa_token", mfaToken, "otp", code));
    String mfaKey = Json.parse(verified.body()).get("mfa_key").asText();

    HttpResponse<String> res = bare("/voltmx/mfa/validate", Map.of("mfa_key", mfaKey));
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertEquals(user.id(), body.at("/user_attributes/user_id").asText());
    assertError(bare("/voltmx/mfa/validate", Map.of("mfa_key", "a-guess")), 401, "invalid_mfa_key");
  }
}
