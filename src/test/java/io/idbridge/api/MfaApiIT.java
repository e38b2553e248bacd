package io.idbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.Components;
import io.idbridge.cli.Cli;
import io.idbridge.core.Contract;
import io.idbridge.directory.User;
import io.idbridge.mfa.Base32;
import io.idbridge.mfa.MfaException;
import io.idbridge.mfa.MfaTokens;
import io.idbridge.mfa.Totp;
import io.idbridge.mfa.TotpEnrollment;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.SharedKeys;
import io.idbridge.testing.TerminalQrCodes;
import io.idbridge.testing.TestServer;
import io.idbridge.testing.TotpSecrets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second factor of our own API over real HTTP: login, the MFA steps, enrollment by API and by
 * CLI.
 */
class MfaApiIT {
  static final FakeClock CLOCK = new FakeClock(Instant.parse("2026-05-04T10:00:05Z"));
  static TestServer server;

  /** The core over the server's keys and users file, to check what the server issued. */
  static MfaTokens core;

  static Totp totp;
  static Path cliConfig;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            Map.of("throttle.threshold", "4", "http.trustedProxies", "127.0.0.1,::1"), CLOCK);
    core = Components.build(server.config(), CLOCK).mfaTokens();
    totp = server.config().mfa().totp();
    cliConfig = server.dir().resolve("idbridge.properties");
    Files.writeString(
        cliConfig,
        "directory.file.path="
            + server.config().directory().filePath()
            + "\n"
            + "keys.dir="
            + SharedKeys.dir()
            + "\npassword.argon2.memoryKib=64\npassword.argon2.iterations=1\n");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static final AtomicInteger LAST_IP = new AtomicInteger();

  /**
   * Each test from its own address (through the trusted-proxy header), so failure counts do not
   * mix.
   */
  static String freshIp() {
    return "203.0.113." + LAST_IP.incrementAndGet();
  }

  static User enrolled(String name) {
    User user = server.addUser(name, "pw-" + name, Map.of());
    return new TotpEnrollment(server.users(), server.config().mfa(), new SecureRandom())
        .enroll(user, true)
        .user();
  }

  static String code(String secret) {
    return totp.code(Base32.decode(secret), totp.step(CLOCK.instant()));
  }

  static HttpResponse<String> login(String name, String ip) {
    return server.postForm(
        "/api/login", Map.of("username", name, "password", "pw-" + name), "X-Forwarded-For", ip);
  }

  static String mfaToken(String name, String ip) {
    HttpResponse<String> res = login(name, ip);
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).get("mfa_token").asText();
  }

  static HttpResponse<String> step(String path, String mfaToken, String otp, String ip) {
    return server.postForm(path, Map.of("mfa_token", mfaToken, "otp", otp), "X-Forwarded-For", ip);
  }

  /** The mfa_key of /api/mfa/verify, after a login and a right code. */
  static String mfaKey(User user, String ip) {
    HttpResponse<String> res =
        step("/api/mfa/verify", mfaToken(user.username(), ip), code(user.totpSecret()), ip);
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).get("mfa_key").asText();
  }

  /** A user whose code at the clock's time starts with a zero, which a JSON number loses. */
  static User enrolledWithALeadingZero(String name) {
    User user =
        server
            .addUser(name, "pw-" + name, Map.of())
            .withTotp(TotpSecrets.withLeadingZeroAt(totp, CLOCK.instant()), true);
    server.users().update(user);
    return user;
  }

  static HttpResponse<String> jsonStep(String path, String mfaToken, String otp, String ip) {
    return server.postJson(
        path, "{\"mfa_token\":\"" + mfaToken + "\",\"otp\":" + otp + "}", "X-Forwarded-For", ip);
  }

  static String error(HttpResponse<String> res) {
    return Json.parse(res.body()).get("error").asText();
  }

  @Test
  void aUserWithTotpGetsAnMfaTokenInsteadOfASession() {
    enrolled("amy");
    HttpResponse<String> res = login("amy", freshIp());
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertTrue(body.get("mfa_required").asBoolean());
    assertEquals(300, body.get("expires_in").asLong());
    assertFalse(body.has("token"), "no session before the code");
    assertEquals(
        List.of("mfa_required", "mfa_token", "expires_in"),
        List.copyOf(iterable(body.fieldNames())));
  }

  @Test
  void theMfaTokenAndARightCodeGiveTheSessionBodyOfLogin() {
    User ben = enrolled("ben");
    String ip = freshIp();
    HttpResponse<String> res =
        step("/api/login/mfa", mfaToken("ben", ip), code(ben.totpSecret()), ip);
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertEquals("Bearer", body.get("token_type").asText());
    assertEquals(3600, body.get("expires_in").asLong());
    assertEquals("id-ben", body.get("user").get("id").asText());
    assertEquals("ben@example.com", body.get("user").get("email").asText());
    HttpResponse<String> out =
        server.postForm(
            "/api/logout", Map.of(), "Authorization", "Bearer " + body.get("token").asText());
    assertEquals(200, out.statusCode(), "a real session: " + out.body());
  }

  @Test
  void wrongCodesAre401CountAsFailuresAndEndIn429() {
    User cy = enrolled("cy");
    String ip = freshIp();
    String first = mfaToken("cy", ip);
    for (int left = 2; left >= 0; left--) {
      HttpResponse<String> wrong = step("/api/login/mfa", first, "000000", ip);
      assertEquals(401, wrong.statusCode());
      assertEquals("invalid_otp", error(wrong));
      assertTrue(
          Json.parse(wrong.body())
              .get("message")
              .asText()
              .endsWith("tries left with this mfa_token: " + left));
    }
    HttpResponse<String> usedUp = step("/api/login/mfa", first, code(cy.totpSecret()), ip);
    assertEquals(401, usedUp.statusCode());
    assertEquals("invalid_mfa_token", error(usedUp), "three wrong codes use a token up");

    String second = mfaToken("cy", ip);
    assertEquals(401, step("/api/login/mfa", second, "000000", ip).statusCode());
    HttpResponse<String> throttled = step("/api/login/mfa", second, code(cy.totpSecret()), ip);
    assertEquals(
        429, throttled.statusCode(), "four wrong codes reach the limit: " + throttled.body());
    assertEquals("too_many_failures", error(throttled));
    assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
    assertEquals(429, login("cy", ip).statusCode(), "the count is the one of passwords");
  }

  @Test
  void aCodeSentAsAJsonNumberGetsBackTheLeadingZerosItLost() {
    for (String path : List.of("/api/mfa/verify", "/api/login/mfa")) {
      String name = path.endsWith("verify") ? "kit" : "kip";
      User user = enrolledWithALeadingZero(name);
      String ip = freshIp();
      String number = Long.toString(Long.parseLong(code(user.totpSecret())));
      HttpResponse<String> res = jsonStep(path, mfaToken(name, ip), number, ip);
      assertEquals(200, res.statusCode(), path + " with {\"otp\":" + number + "}: " + res.body());
    }
  }

  @Test
  void aJsonNumberThatIsNegativeFractionalOrTooLongIsAWrongCode() {
    User lou = enrolledWithALeadingZero("lou");
    String ip = freshIp();
    String token = mfaToken("lou", ip);
    String code = code(lou.totpSecret());
    long number = Long.parseLong(code);
    for (String otp : List.of("-" + number, number + ".0", "1" + code)) {
      HttpResponse<String> res = jsonStep("/api/mfa/verify", token, otp, ip);
      assertEquals(401, res.statusCode(), "{\"otp\":" + otp + "}: " + res.body());
      assertEquals("invalid_otp", error(res));
    }
  }

  @Test
  void aCodeAcceptedOnceIsRefusedWhenReplayed() {
    User dee = enrolled("dee");
    String ip = freshIp();
    String code = code(dee.totpSecret());
    assertEquals(200, step("/api/login/mfa", mfaToken("dee", ip), code, ip).statusCode());
    HttpResponse<String> replay = step("/api/login/mfa", mfaToken("dee", ip), code, ip);
    assertEquals(401, replay.statusCode());
    assertEquals("invalid_otp", error(replay));
    CLOCK.advance(Duration.ofSeconds(30));
    assertEquals(
        200, step("/api/login/mfa", mfaToken("dee", ip), code(dee.totpSecret()), ip).statusCode());
  }

  @Test
  void anMfaTokenCompletesOneLoginOnly() {
    User eve = enrolled("eve");
    String ip = freshIp();
    String token = mfaToken("eve", ip);
    assertEquals(200, step("/api/login/mfa", token, code(eve.totpSecret()), ip).statusCode());
    CLOCK.advance(Duration.ofSeconds(30));
    HttpResponse<String> again = step("/api/login/mfa", token, code(eve.totpSecret()), ip);
    assertEquals(401, again.statusCode());
    assertEquals("invalid_mfa_token", error(again));
  }

  @Test
  void neitherAnMfaTokenNorAnMfaKeyIsASessionToken() {
    User fay = enrolled("fay");
    String ip = freshIp();
    String token = mfaToken("fay", ip);
    HttpResponse<String> logout =
        server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + token);
    assertEquals(401, logout.statusCode());
    assertEquals("invalid_token", error(logout));
    assertEquals(
        401, server.postForm("/api/logout", Map.of("token", mfaKey(fay, ip))).statusCode());
    assertEquals(
        401,
        server
            .postForm("/api/mfa/enroll", Map.of(), "Authorization", "Bearer " + token)
            .statusCode(),
        "an mfa_token does not enroll");
  }

  @Test
  void verifyAnswersAnMfaKeyBoundToItsUser() throws Exception {
    User gus = enrolled("gus");
    User other = enrolled("gus-other");
    String ip = freshIp();
    HttpResponse<String> res =
        step("/api/mfa/verify", mfaToken("gus", ip), code(gus.totpSecret()), ip);
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertEquals(30 * 24 * 3600, body.get("expires_in").asLong());
    String key = body.get("mfa_key").asText();
    assertEquals("id-gus", core.redeemMfaKey(key, Optional.of("id-gus")).id());
    assertEquals(
        MfaException.Reason.WRONG_USER,
        assertThrows(MfaException.class, () -> core.redeemMfaKey(key, Optional.of(other.id())))
            .reason());
    String forged =
        key.substring(0, key.lastIndexOf('.') + 1)
            + "AAAA"
            + key.substring(key.lastIndexOf('.') + 5);
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        assertThrows(MfaException.class, () -> core.redeemMfaKey(forged, Optional.empty()))
            .reason());
    assertEquals(
        MfaException.Reason.INVALID_TOKEN,
        assertThrows(
                MfaException.class, () -> core.redeemMfaKey(mfaToken("gus", ip), Optional.empty()))
            .reason(),
        "an mfa_token is no mfa_key");
  }

  @Test
  void expiredMfaTokensAndMfaKeysAreRefused() {
    User hal = enrolled("hal");
    String ip = freshIp();
    String token = mfaToken("hal", ip);
    String key = mfaKey(hal, ip);
    CLOCK.advance(Duration.ofMinutes(6));
    HttpResponse<String> late = step("/api/login/mfa", token, code(hal.totpSecret()), ip);
    assertEquals(401, late.statusCode());
    assertEquals("invalid_mfa_token", error(late));
    assertEquals(
        MfaException.Reason.EXPIRED_TOKEN,
        assertThrows(MfaException.class, () -> core.redeemPending(token, Set.of(Contract.API)))
            .reason());
    CLOCK.advance(Duration.ofDays(31));
    assertEquals(
        MfaException.Reason.EXPIRED_TOKEN,
        assertThrows(MfaException.class, () -> core.redeemMfaKey(key, Optional.of(hal.id())))
            .reason());
  }

  @Test
  void aUserEnrollsOverHttpAndLoginAsksForCodesOnlyOnceConfirmed() {
    server.addUser("ida", "pw-ida", Map.of());
    String ip = freshIp();
    String session = Json.parse(login("ida", ip).body()).get("token").asText();
    String bearer = "Bearer " + session;
    HttpResponse<String> enroll =
        server.postForm("/api/mfa/enroll", Map.of(), "Authorization", bearer);
    assertEquals(200, enroll.statusCode(), enroll.body());
    String secret = Json.parse(enroll.body()).get("secret").asText();
    assertEquals(
        "otpauth://totp/idbridge:ida?secret="
            + secret
            + "&issuer=idbridge&algorithm=SHA1&digits=6&period=30",
        Json.parse(enroll.body()).get("otpauth_uri").asText());
    assertTrue(
        Json.parse(login("ida", ip).body()).has("token"),
        "unconfirmed: login does not ask for a code");

    HttpResponse<String> wrong =
        server.postForm(
            "/api/mfa/confirm",
            Map.of("otp", "000000"),
            "Authorization",
            bearer,
            "X-Forwarded-For",
            ip);
    assertEquals(401, wrong.statusCode());
    assertEquals("invalid_otp", error(wrong));
    HttpResponse<String> confirm =
        server.postForm(
            "/api/mfa/confirm",
            Map.of("otp", code(secret)),
            "Authorization",
            bearer,
            "X-Forwarded-For",
            ip);
    assertEquals(200, confirm.statusCode(), confirm.body());
    assertTrue(Json.parse(confirm.body()).get("mfa_enabled").asBoolean());

    assertTrue(Json.parse(login("ida", ip).body()).get("mfa_required").asBoolean());
    HttpResponse<String> again =
        server.postForm("/api/mfa/enroll", Map.of(), "Authorization", bearer);
    assertEquals(409, again.statusCode(), "a session cannot replace a confirmed secret");
    assertEquals("mfa_already_enabled", error(again));
  }

  @Test
  void confirmTakesACodeSentAsAJsonNumberWithItsLeadingZerosBack() {
    server.addUser("ivo", "pw-ivo", Map.of());
    String ip = freshIp();
    String bearer = "Bearer " + Json.parse(login("ivo", ip).body()).get("token").asText();
    String secret;
    do { // each enrollment before the confirmation replaces the waiting secret
      HttpResponse<String> enroll =
          server.postForm("/api/mfa/enroll", Map.of(), "Authorization", bearer);
      assertEquals(200, enroll.statusCode(), enroll.body());
      secret = Json.parse(enroll.body()).get("secret").asText();
    } while (code(secret).charAt(0) != '0');
    HttpResponse<String> confirm =
        server.postJson(
            "/api/mfa/confirm",
            "{\"otp\":" + Long.parseLong(code(secret)) + "}",
            "Authorization",
            bearer,
            "X-Forwarded-For",
            ip);
    assertEquals(200, confirm.statusCode(), confirm.body());
  }

  @Test
  void enrollmentWithoutAValidBearerTokenIs401() {
    HttpResponse<String> none = server.postForm("/api/mfa/enroll", Map.of());
    assertEquals(401, none.statusCode());
    assertEquals("invalid_token", error(none));
    assertEquals(
        401,
        server
            .postForm(
                "/api/mfa/confirm",
                Map.of("otp", "123456"),
                "Authorization",
                "Bearer eyJhbGciOiJub25lIn0.e30.")
            .statusCode());
    assertEquals(
        400,
        server.postForm("/api/login/mfa", Map.of("otp", "123456")).statusCode(),
        "no mfa_token");
  }

  @Test
  void theCliEnrollsAUserWhoseCodesFromThePrintedUriLogIn() {
    server.addUser("jo", "pw-jo", Map.of());
    Run run = cli("users", "totp", "jo");
    assertEquals(0, run.code(), run.err());
    String uri =
        run.out().lines().filter(l -> l.startsWith("otpauth://")).findFirst().orElseThrow();
    assertEquals(
        uri, TerminalQrCodes.decode(run.out()), "the QR code in the terminal holds the URI");
    String secret = query(uri, "secret");
    assertEquals("idbridge", query(uri, "issuer"));

    String ip = freshIp();
    HttpResponse<String> res = step("/api/login/mfa", mfaToken("jo", ip), code(secret), ip);
    assertEquals(200, res.statusCode(), res.body());
    assertEquals("id-jo", Json.parse(res.body()).get("user").get("id").asText());
  }

  @Test
  void removingTotpWithTheCliRevokesMfaKeysAndLoginStopsAskingForCodes() throws Exception {
    User kim = enrolled("kim");
    String ip = freshIp();
    String key = mfaKey(kim, ip);
    assertEquals("id-kim", core.redeemMfaKey(key, Optional.of("id-kim")).id());
    Run run = cli("users", "totp", "kim", "--remove");
    assertEquals(0, run.code(), run.err());
    assertEquals(
        MfaException.Reason.REVOKED,
        assertThrows(MfaException.class, () -> core.redeemMfaKey(key, Optional.of("id-kim")))
            .reason());
    assertTrue(Json.parse(login("kim", ip).body()).has("token"));
  }

  @Test
  void reEnrollingWithTheCliRevokesTheOldMfaKeys() throws Exception {
    User lee = enrolled("lee");
    String key = mfaKey(lee, freshIp());
    Run run = cli("users", "totp", "lee", "--invert");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("the previous secret and its mfa_keys stop working"), run.out());
    assertEquals(
        MfaException.Reason.REVOKED,
        assertThrows(MfaException.class, () -> core.redeemMfaKey(key, Optional.empty())).reason());
  }

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--config", cliConfig.toString()));
    int code =
        new Cli(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of())
            .run(all);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String query(String uri, String name) {
    for (String pair : URI.create(uri).getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(
            pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }

  static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> all = new java.util.ArrayList<>();
    it.forEachRemaining(all::add);
    return all;
  }
}
