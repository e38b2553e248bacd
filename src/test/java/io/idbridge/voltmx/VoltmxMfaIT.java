package io.idbridge.voltmx;

import static io.idbridge.voltmx.Foundry.assertError;
import static io.idbridge.voltmx.Foundry.assertInteger;
import static io.idbridge.voltmx.Foundry.assertShape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.directory.User;
import io.idbridge.mfa.Base32;
import io.idbridge.mfa.Totp;
import io.idbridge.mfa.TotpEnrollment;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import io.idbridge.testing.TotpSecrets;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agreement's "Custom Identity MFA Flow" over real HTTP: the login's MFA step, the app's code
 * at {@code /api/mfa/verify}, Foundry's MFA validate with the mfa_key, and later logins with the
 * remembered key.
 */
class VoltmxMfaIT {
  static final String SECRET = "provider-setting-secret-0123";
  static final FakeClock CLOCK = new FakeClock(Instant.parse("2026-05-04T10:00:05Z"));
  static final AtomicInteger LAST_IP = new AtomicInteger();
  static TestServer server;
  static Foundry foundry;
  static Totp totp;

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
                "http.trustedProxies",
                "127.0.0.1,::1",
                "throttle.threshold",
                "4"),
            CLOCK);
    foundry = new Foundry(server, Map.of("idbridge_secret", SECRET));
    totp = server.config().mfa().totp();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * The address of the user's device, through the trusted-proxy header: each test its own, so
   * counts do not mix.
   */
  static String[] freshIp() {
    return new String[] {"X-Forwarded-For", "203.0.113." + LAST_IP.incrementAndGet()};
  }

  static User enrolled(TestServer on, String name) {
    User user = on.addUser(name, "pw-" + name, Map.of("role", "teller"));
    return new TotpEnrollment(on.users(), on.config().mfa(), new SecureRandom())
        .enroll(user, true)
        .user();
  }

  static String code(User user) {
    return totp.code(Base32.decode(user.totpSecret()), totp.step(CLOCK.instant()));
  }

  /** A login of a user with TOTP, which must answer the MFA step; its mfa_token. */
  static String mfaToken(User user, String... ip) {
    HttpResponse<String> res = foundry.login(user.username(), "pw-" + user.username(), ip);
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).at("/mfa_meta/mfa_token").asText();
  }

  /**
   * What the app does between the MFA step and Foundry's validate: its code for an mfa_key at our
   * API.
   */
  static String mfaKey(User user, String... ip) {
    HttpResponse<String> res =
        server.postForm(
            "/api/mfa/verify", Map.of("mfa_token", mfaToken(user, ip), "otp", code(user)), ip);
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).get("mfa_key").asText();
  }

  static HttpResponse<String> validate(String... fields) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      form.put(fields[i], fields[i + 1]);
    }
    return foundry.post("/voltmx/mfa/validate", form, freshIp());
  }

  /** A login answer with a session of this user, which logout proves live. */
  static void assertSession(HttpResponse<String> res, User user) {
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertShape("login-success.json", body);
    assertInteger(3_600_000, body.at("/security_attributes/session_ttl"));
    assertEquals(user.id(), body.at("/user_attributes/user_id").asText());
    assertEquals("teller", body.at("/user_attributes/role").asText());
    assertEquals(
        200, foundry.logout(body.at("/security_attributes/session_token").asText()).statusCode());
  }

  static void assertMfaStep(HttpResponse<String> res) {
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertTrue(body.get("is_mfa_enabled").asBoolean(), res.body());
    assertNull(body.get("security_attributes"), "no session before the second factor");
  }

  @Test
  void theLoginsMfaStepCarriesTheMfaTokenAndNoAttributes() {
    enrolled(server, "amy");
    HttpResponse<String> res = foundry.login("amy", "pw-amy");
    assertMfaStep(res);
    JsonNode body = Json.parse(res.body());
    assertShape("login-mfa.json", body);
    assertEquals("otp", body.at("/mfa_meta/type").asText());
    assertInteger(6, body.at("/mfa_meta/digits"));
    assertInteger(300, body.at("/mfa_meta/expires_in"));
    assertEquals(3, body.at("/mfa_meta/mfa_token").asText().split("\\.").length);
    assertNull(body.get("user_attributes"));
  }

  @Test
  void theFullFlowLoginVerifyValidateOpensASession() {
    User ben = enrolled(server, "ben");
    String key = mfaKey(ben, freshIp());
    assertSession(validate("mfa_key", key), ben);
  }

  @Test
  void validateTakesTheSdksMfaCapitalKSpellingAndTheSdksOtherFields() {
    User cal = enrolled(server, "cal");
    assertSession(validate("mfa_Key", mfaKey(cal, freshIp()), "sdk_param", "ignored"), cal);
  }

  @Test
  void forgedExpiredAndOtherUsersKeysAre401() {
    User dan = enrolled(server, "dan");
    User eve = enrolled(server, "dan-other");
    String[] ip = freshIp();
    String key = mfaKey(dan, ip);
    String forged =
        key.substring(0, key.lastIndexOf('.') + 1)
            + "AAAA"
            + key.substring(key.lastIndexOf('.') + 5);
    assertError(validate("mfa_key", forged), 401, "invalid_mfa_key");
    assertError(validate("mfa_key", mfaToken(dan, ip)), 401, "invalid_mfa_key");
    assertError(validate("mfa_key", key, "mfa_token", mfaToken(eve, ip)), 401, "invalid_mfa_key");
    assertSession(validate("mfa_key", key, "mfa_token", mfaToken(dan, ip)), dan);

    CLOCK.advance(Duration.ofDays(31));
    assertError(validate("mfa_key", key, "mfa_token", mfaToken(dan, ip)), 401, "invalid_mfa_key");
  }

  @Test
  void aRememberedKeyIsTakenAtValidateOnlyWithTheMfaTokenOfItsUsersLogin() {
    User fay = enrolled(server, "fay");
    String[] ip = freshIp();
    String key = mfaKey(fay, ip);
    CLOCK.advance(Duration.ofMinutes(6));
    assertError(validate("mfa_key", key), 401, "invalid_mfa_key");
    assertSession(validate("mfa_key", key, "mfa_token", mfaToken(fay, ip)), fay);
  }

  @Test
  void theLoginsMfaTokenServesTheVoltmxStepsButNotOurApisLogin() {
    User ida = enrolled(server, "ida");
    String[] ip = freshIp();
    HttpResponse<String> api =
        server.postForm(
            "/api/login/mfa", Map.of("mfa_token", mfaToken(ida, ip), "otp", code(ida)), ip);
    assertEquals(401, api.statusCode(), api.body());
    assertEquals("invalid_mfa_token", Json.parse(api.body()).get("error").asText());
    assertSession(validate("mfa_key", mfaKey(ida, ip)), ida);
  }

  @Test
  void neitherTheMfaTokenNorTheMfaKeyIsASessionToken() {
    User gus = enrolled(server, "gus");
    String[] ip = freshIp();
    assertError(foundry.logout(mfaToken(gus, ip)), 401, "invalid_session");
    assertError(foundry.logout(mfaKey(gus, ip)), 401, "invalid_session");
  }

  @Test
  void aLaterLoginWithTheRememberedKeyNeedsNoCode() {
    User hal = enrolled(server, "hal");
    enrolled(server, "hal-other");
    String[] ip = freshIp();
    String key = mfaKey(hal, ip);
    CLOCK.advance(Duration.ofDays(3));
    assertSession(
        foundry.post(
            "/voltmx/login", Map.of("userid", "hal", "password", "pw-hal", "mfa_key", key), ip),
        hal);
    assertSession(
        foundry.post(
            "/voltmx/login", Map.of("userid", "hal", "password", "pw-hal", "mfa_Key", key), ip),
        hal);
    assertMfaStep(
        foundry.post(
            "/voltmx/login",
            Map.of("userid", "hal-other", "password", "pw-hal-other", "mfa_key", key),
            ip));
    assertMfaStep(
        foundry.post(
            "/voltmx/login",
            Map.of("userid", "hal", "password", "pw-hal", "mfa_key", "not-a-key"),
            ip));
    assertError(
        foundry.post(
            "/voltmx/login", Map.of("userid", "hal", "password", "wrong", "mfa_key", key), ip),
        401,
        "invalid_credentials");
  }

  @Test
  void reEnrollmentOrRemovalRevokesTheRememberedKey() {
    User jo = enrolled(server, "jo");
    String[] ip = freshIp();
    TotpEnrollment enrollment =
        new TotpEnrollment(server.users(), server.config().mfa(), new SecureRandom());
    String key = mfaKey(jo, ip);
    User again = enrollment.enroll(server.users().findById(jo.id()).orElseThrow(), true).user();
    assertMfaStep(
        foundry.post(
            "/voltmx/login", Map.of("userid", "jo", "password", "pw-jo", "mfa_key", key), ip));
    assertError(validate("mfa_key", key), 401, "invalid_mfa_key");

    CLOCK.advance(Duration.ofSeconds(30));
    String second = mfaKey(again, ip);
    enrollment.remove(again);
    assertError(validate("mfa_key", second), 401, "invalid_mfa_key");
  }

  @Test
  void validateTakesTheMfaTokenAndACodeDirectly() {
    User kim = enrolled(server, "kim");
    String[] ip = freshIp();
    String token = mfaToken(kim, ip);
    HttpResponse<String> wrong =
        foundry.post("/voltmx/mfa/validate", Map.of("mfa_token", token, "otp", "000000"), ip);
    JsonNode body = assertError(wrong, 401, "invalid_otp");
    assertTrue(
        body.get("message").asText().endsWith("tries left with this mfa_token: 2"),
        body.toString());
    String code = code(kim);
    assertSession(
        foundry.post("/voltmx/mfa/validate", Map.of("mfa_token", token, "otp", code), ip), kim);
    assertError(
        foundry.post("/voltmx/mfa/validate", Map.of("mfa_token", token, "otp", code), ip),
        401,
        "invalid_mfa_token");
    assertError(
        foundry.post(
            "/voltmx/mfa/validate", Map.of("mfa_token", mfaToken(kim, ip), "otp", code), ip),
        401,
        "invalid_otp");
    assertError(
        foundry.post("/voltmx/mfa/validate", Map.of("mfa_token", token), ip),
        400,
        "invalid_request");
  }

  @Test
  void validateTakesACodeSentAsAJsonNumberWithItsLeadingZerosBack() {
    User lea =
        server
            .addUser("lea", "pw-lea", Map.of("role", "teller"))
            .withTotp(TotpSecrets.withLeadingZeroAt(totp, CLOCK.instant()), true);
    server.users().update(lea);
    String[] ip = freshIp();
    String json =
        "{\"idbridge_secret\":\""
            + SECRET
            + "\",\"mfa_token\":\""
            + mfaToken(lea, ip)
            + "\",\"otp\":"
            + Long.parseLong(code(lea))
            + "}";
    assertSession(server.postJson("/voltmx/mfa/validate", json, ip), lea);
  }

  @Test
  void wrongCodesAtValidateCountAsFailuresAndEndIn429() {
    User lee = enrolled(server, "lee");
    String[] ip = freshIp();
    String token = mfaToken(lee, ip);
    for (int i = 0; i < 3; i++) {
      assertError(
          foundry.post("/voltmx/mfa/validate", Map.of("mfa_token", token, "otp", "000000"), ip),
          401,
          "invalid_otp");
    }
    String second = mfaToken(lee, ip);
    assertError(
        foundry.post("/voltmx/mfa/validate", Map.of("mfa_token", second, "otp", "000000"), ip),
        401,
        "invalid_otp");
    HttpResponse<String> throttled =
        foundry.post("/voltmx/mfa/validate", Map.of("mfa_token", second, "otp", code(lee)), ip);
    assertError(throttled, 429, "too_many_failures");
    assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
    assertError(foundry.login("lee", "pw-lee", ip), 429, "too_many_failures");
  }

  @Test
  void withMfaRequiredAUserWithoutTotpIsToldToEnrollAndValidateKeepsTheSessionPolicy() {
    try (TestServer required =
        TestServer.start(
            Map.of(
                "mfa.required",
                "true",
                "sessions.concurrency",
                "one-across-apps",
                "sessions.onLimit",
                "reject"),
            CLOCK)) {
      required.addUser("max", "pw-max", Map.of());
      User ned = enrolled(required, "ned");
      Foundry f = new Foundry(required, Map.of());
      JsonNode body = assertError(f.login("max", "pw-max"), 403, "mfa_enrollment_required");
      assertTrue(body.get("message").asText().contains("/api/mfa/enroll"));
      assertInteger(300, body.get("expires_in"));
      HttpResponse<String> enroll =
          required.postForm(
              "/api/mfa/enroll",
              Map.of(),
              "Authorization",
              "Bearer " + body.get("enroll_token").asText());
      assertEquals(200, enroll.statusCode(), "the enroll_token enrolls: " + enroll.body());

      HttpResponse<String> step = f.login("ned", "pw-ned");
      assertMfaStep(step);
      String token = Json.parse(step.body()).at("/mfa_meta/mfa_token").asText();
      HttpResponse<String> first =
          f.post("/voltmx/mfa/validate", Map.of("mfa_token", token, "otp", code(ned)));
      assertEquals(200, first.statusCode(), first.body());
      CLOCK.advance(Duration.ofSeconds(30));
      String again = Json.parse(f.login("ned", "pw-ned").body()).at("/mfa_meta/mfa_token").asText();
      assertError(
          f.post("/voltmx/mfa/validate", Map.of("mfa_token", again, "otp", code(ned))),
          409,
          "session_limit");
    }
  }
}
