package io.idbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.mfa.Base32;
import io.idbridge.mfa.Totp;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mfa.required=true}: no session without a second factor, and the way to enroll without one.
 */
class MfaRequiredIT {
  static final FakeClock CLOCK = new FakeClock(Instant.parse("2026-05-04T10:00:05Z"));
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("mfa.required", "true"), CLOCK);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> login(String name, String password) {
    return server.postForm("/api/login", Map.of("username", name, "password", password));
  }

  @Test
  void aUserWithoutTotpIsRefusedASessionAndToldToEnroll() {
    server.addUser("nia", "pw-nia", Map.of());
    HttpResponse<String> res = login("nia", "pw-nia");
    assertEquals(403, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertEquals("mfa_enrollment_required", body.get("error").asText());
    assertTrue(body.get("message").asText().contains("POST /api/mfa/enroll"), body.toString());
    assertEquals(
        res.headers().firstValue("X-Request-Id").orElseThrow(), body.get("request_id").asText());
    assertEquals(300, body.get("expires_in").asLong());
    assertFalse(body.has("token"), "no session");
  }

  @Test
  void aWrongPasswordStillGetsTheAnswerOfEveryWrongPassword() {
    server.addUser("oli", "pw-oli", Map.of());
    HttpResponse<String> res = login("oli", "wrong");
    assertEquals(401, res.statusCode());
    assertEquals("invalid_credentials", Json.parse(res.body()).get("error").asText());
  }

  @Test
  void theEnrollTokenEnrollsAndConfirmsAndThenLoginAsksForACode() {
    server.addUser("pam", "pw-pam", Map.of());
    String bearer =
        "Bearer " + Json.parse(login("pam", "pw-pam").body()).get("enroll_token").asText();
    HttpResponse<String> enroll =
        server.postForm("/api/mfa/enroll", Map.of(), "Authorization", bearer);
    assertEquals(200, enroll.statusCode(), enroll.body());
    String secret = Json.parse(enroll.body()).get("secret").asText();
    assertEquals(403, login("pam", "pw-pam").statusCode(), "not before the first code");

    Totp totp = server.config().mfa().totp();
    String code = totp.code(Base32.decode(secret), totp.step(CLOCK.instant()));
    HttpResponse<String> confirm =
        server.postForm("/api/mfa/confirm", Map.of("otp", code), "Authorization", bearer);
    assertEquals(200, confirm.statusCode(), confirm.body());

    HttpResponse<String> res = login("pam", "pw-pam");
    assertEquals(200, res.statusCode(), res.body());
    assertTrue(Json.parse(res.body()).get("mfa_required").asBoolean());
  }

  @Test
  void theEnrollTokenOpensNoSessionAndCompletesNoLogin() {
    server.addUser("quin", "pw-quin", Map.of());
    String token = Json.parse(login("quin", "pw-quin").body()).get("enroll_token").asText();
    assertEquals(
        401,
        server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + token).statusCode());
    HttpResponse<String> asMfa =
        server.postForm("/api/login/mfa", Map.of("mfa_token", token, "otp", "123456"));
    assertEquals(401, asMfa.statusCode());
    assertEquals("invalid_mfa_token", Json.parse(asMfa.body()).get("error").asText());
  }
}
