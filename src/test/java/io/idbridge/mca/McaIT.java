package io.idbridge.mca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.idbridge.directory.User;
import io.idbridge.jwt.Pem;
import io.idbridge.mfa.Base32;
import io.idbridge.mfa.Totp;
import io.idbridge.mfa.TotpEnrollment;
import io.idbridge.password.PasswordHashes;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestKeys;
import io.idbridge.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IBM Mobile Client Access played over real HTTP: its two calls, the challenge flow and its caller
 * token.
 */
class McaIT {
  static final FakeClock CLOCK = new FakeClock(Instant.now());
  static final String TENANT = "4f8c2d3e-1b7a-4c9e-9f10-2a6b5c8d7e01";
  static final String OTHER_TENANT = "0b1c2d3e-4f50-4617-8899-aabbccddeeff";
  static final String REALM = "customAuthRealm_1";
  // The seed's examples: the challenge, the answer and the user identity.
  static final String SEED_MESSAGE = "Enter username and password";
  static final String SEED_ANSWER =
      "{\"username\":\"bob.smith\",\"password\":\"abcd1234\",\"pincode\":\"1234\"}";
  static final String CLIENT_HEADERS =
      "{\"user-agent\":\"BMSClient/2.0 Android\",\"x-forwarded-for\":\"198.51.100.7\"}";

  static KeyPair mcaKey;
  static TestServer server;
  static final AtomicInteger names = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    mcaKey = TestKeys.rsa();
    // A PEM on one line, as it fits in a properties file.
    String pem = Pem.toPem(mcaKey.getPublic()).replace("\n", "");
    server =
        TestServer.start(
            Map.of(
                "mca.realms",
                REALM + ",second-realm",
                "mca.tenants",
                TENANT + "," + OTHER_TENANT,
                "mca.challenge.message",
                SEED_MESSAGE,
                "mca.caller.publicKey",
                pem,
                "throttle.threshold",
                "2",
                "throttle.userThreshold",
                "4"),
            CLOCK);
    PasswordHashes hashes = new PasswordHashes(server.config().password());
    server
        .users()
        .add(
            User.of(
                "u-7f3c",
                "bob.smith",
                hashes.hash("abcd1234"),
                "Bob Smith",
                "bob.smith@example.com",
                Map.of("age", "30", "accountNumber", "12345", "lastLogin", "Sept 1st, 2015")));
    server.users().add(User.of("u-numeric", "4242", hashes.hash("12345678"), "", "", Map.of()));
    server
        .users()
        .add(
            User.of("u-otp", "otto", hashes.hash("otto-pass"), "Otto", "", Map.of())
                .withTotp("JBSWY3DPEHPK3PXP", true));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A token as MCA signs it, checked with an independent library's signer. */
  static String mcaToken(PrivateKey key, String audience, Instant expires) throws JOSEException {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("imf-authserver")
            .audience(audience)
            .issueTime(Date.from(CLOCK.instant()))
            .expirationTime(Date.from(expires))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /**
   * MCA's call with its two tokens: its own access token, then the user's id token, which we
   * ignore.
   */
  static HttpResponse<String> call(String tenant, String realm, String operation, String json)
      throws Exception {
    String access = mcaToken(mcaKey.getPrivate(), tenant, CLOCK.instant().plusSeconds(600));
    return post(
        tenant, realm, operation, json, "Authorization", "Bearer " + access + " id.token.ignored");
  }

  static HttpResponse<String> post(
      String tenant, String realm, String operation, String json, String... headers) {
    return server.postJson("/mca/apps/" + tenant + "/" + realm + "/" + operation, json, headers);
  }

  static JsonNode start(String tenant, String realm) throws Exception {
    HttpResponse<String> res =
        call(tenant, realm, "startAuthorization", "{\"headers\":" + CLIENT_HEADERS + "}");
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body());
  }

  static JsonNode answer(String stateId, String challengeAnswer) throws Exception {
    return answer(TENANT, REALM, stateId, challengeAnswer);
  }

  static JsonNode answer(String tenant, String realm, String stateId, String challengeAnswer)
      throws Exception {
    String state = stateId == null ? "" : ",\"stateId\":" + quote(stateId);
    HttpResponse<String> res =
        call(
            tenant,
            realm,
            "handleChallengeAnswer",
            "{\"headers\":"
                + CLIENT_HEADERS
                + state
                + ",\"challengeAnswer\":"
                + challengeAnswer
                + "}");
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body());
  }

  static String login(String username, String password) throws Exception {
    return "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + "}";
  }

  static String quote(String text) throws Exception {
    return new ObjectMapper().writeValueAsString(text);
  }

  /** A user of one test's own, so that failure counts do not carry between tests. */
  static String newUser(String password) {
    String name = "user" + names.incrementAndGet();
    server.addUser(name, password, Map.of());
    return name;
  }

  static void assertPasswordChallenge(JsonNode body, int retriesLeft) {
    assertEquals("challenge", body.get("status").asText(), body.toString());
    assertEquals(SEED_MESSAGE, body.get("challenge").get("message").asText());
    assertEquals(retriesLeft, body.get("challenge").get("retriesLeft").asInt());
    assertNull(body.get("challenge").get("type"), "a password challenge, not an OTP one");
    assertFalse(body.get("stateId").asText().isEmpty());
  }

  @Test
  void theFullFlowEndsWithTheSeedsUserIdentity() throws Exception {
    JsonNode first = start(TENANT, REALM);
    assertPasswordChallenge(first, 3);

    JsonNode done = answer(first.get("stateId").asText(), SEED_ANSWER);
    assertEquals("success", done.get("status").asText(), done.toString());
    JsonNode identity = done.get("userIdentity");
    assertEquals("u-7f3c", identity.get("userName").asText(), "the stable user id");
    assertEquals("Bob Smith", identity.get("displayName").asText());
    JsonNode attributes = identity.get("attributes");
    assertEquals("30", attributes.get("age").asText());
    assertEquals("12345", attributes.get("accountNumber").asText());
    assertEquals("Sept 1st, 2015", attributes.get("lastLogin").asText());
    assertEquals("bob.smith", attributes.get("username").asText());
    assertEquals("bob.smith@example.com", attributes.get("email").asText());
  }

  @Test
  void aWrongAnswerReChallengesWithOneRetryFewerAsInTheSeedThenTheRightOneSucceeds()
      throws Exception {
    String name = newUser("right-pass");
    JsonNode wrong =
        answer(start(TENANT, REALM).get("stateId").asText(), login(name, "wrong-pass"));
    assertPasswordChallenge(wrong, 2);
    JsonNode done = answer(wrong.get("stateId").asText(), login(name, "right-pass"));
    assertEquals("success", done.get("status").asText(), done.toString());
    assertEquals("id-" + name, done.get("userIdentity").get("userName").asText());
  }

  @Test
  void exhaustedRetriesEndInFailure() throws Exception {
    String name = newUser("right-pass");
    JsonNode reply = start(TENANT, REALM);
    for (int left = 2; left >= 1; left--) {
      reply = answer(reply.get("stateId").asText(), login(name, "wrong-" + left));
      assertPasswordChallenge(reply, left);
    }
    JsonNode last = answer(reply.get("stateId").asText(), login(name, "wrong-0"));
    assertEquals("failure", last.get("status").asText(), last.toString());
    assertNull(last.get("stateId"));
  }

  @Test
  void anUnknownUserIsAnsweredExactlyLikeAWrongPassword() throws Exception {
    JsonNode unknown = answer(null, login("nobody-" + System.nanoTime(), "abcd1234"));
    JsonNode wrong = answer(null, login(newUser("right-pass"), "abcd1234"));
    assertPasswordChallenge(unknown, 2);
    assertPasswordChallenge(wrong, 2);
    assertEquals(unknown.get("challenge"), wrong.get("challenge"));
  }

  @Test
  void numbersInTheAnswerCountAsText() throws Exception {
    JsonNode done = answer(null, "{\"username\":4242,\"password\":12345678}");
    assertEquals("success", done.get("status").asText(), done.toString());
    assertEquals(
        "4242", done.get("userIdentity").get("displayName").asText(), "the login name stands in");
  }

  @Test
  void anAnswerWithoutUsernameOrPasswordIsAWrongAnswer() throws Exception {
    assertPasswordChallenge(answer(null, "{\"username\":\"bob.smith\"}"), 2);
    assertPasswordChallenge(answer(null, "{}"), 2);
  }

  /** A user of one test's own with a confirmed TOTP secret. */
  static User newOtpUser() {
    User user = server.users().findByUsername(newUser("otp-pass")).orElseThrow();
    return new TotpEnrollment(server.users(), server.config().mfa(), new SecureRandom())
        .enroll(user, true)
        .user();
  }

  static String code(User user) {
    Totp totp = server.config().mfa().totp();
    return "{\"otp\":\""
        + totp.code(Base32.decode(user.totpSecret()), totp.step(CLOCK.instant()))
        + "\"}";
  }

  /** The OTP challenge after the right password of a user with TOTP. */
  static JsonNode otpChallenge(User user) throws Exception {
    JsonNode otp =
        answer(start(TENANT, REALM).get("stateId").asText(), login(user.username(), "otp-pass"));
    assertOtpChallenge(otp, 3);
    return otp;
  }

  static void assertOtpChallenge(JsonNode body, int retriesLeft) {
    assertEquals("challenge", body.get("status").asText(), body.toString());
    assertEquals("otp", body.get("challenge").get("type").asText());
    assertEquals(
        "Enter the code from your authenticator app",
        body.get("challenge").get("message").asText());
    assertEquals(retriesLeft, body.get("challenge").get("retriesLeft").asInt());
  }

  @Test
  void aUserWithTotpGetsAnOtpChallengeAfterTheRightPasswordAndOnlyTheRightCodeSucceeds()
      throws Exception {
    User user = newOtpUser();
    JsonNode otp = otpChallenge(user);
    JsonNode again = answer(otp.get("stateId").asText(), "{\"otp\":\"000000\"}");
    assertOtpChallenge(again, 2);
    assertOtpChallenge(answer(again.get("stateId").asText(), "{\"pin\":\"1234\"}"), 1);

    JsonNode done = answer(again.get("stateId").asText(), code(user));
    assertEquals("success", done.get("status").asText(), done.toString());
    assertEquals(user.id(), done.get("userIdentity").get("userName").asText());
    CLOCK.advance(Duration.ofSeconds(30));
    assertEquals(
        "failure",
        answer(again.get("stateId").asText(), code(user)).get("status").asText(),
        "a stateId whose login succeeded completes no other");
  }

  @Test
  void aCodeSentAsAJsonNumberIsLeftPaddedToTheCodesDigits() throws Exception {
    Totp totp = server.config().mfa().totp();
    byte[] secret = new byte[20];
    String code;
    do {
      new SecureRandom().nextBytes(secret);
      code = totp.code(secret, totp.step(CLOCK.instant()));
    } while (!code.startsWith("0"));
    User user =
        server
            .users()
            .findByUsername(newUser("otp-pass"))
            .orElseThrow()
            .withTotp(Base32.encode(secret), true);
    server.users().update(user);
    JsonNode otp = otpChallenge(user);
    JsonNode done = answer(otp.get("stateId").asText(), "{\"otp\":" + Long.parseLong(code) + "}");
    assertEquals("success", done.get("status").asText(), code + " sent as a number: " + done);
  }

  @Test
  void theMfaTokenInsideAStateIdIsRedeemableOnlyInMcasFlow() throws Exception {
    User user = newOtpUser();
    JsonNode otp = otpChallenge(user);
    String stateId = otp.get("stateId").asText();
    String payload = stateId.split("\\.")[1];
    String mfaToken =
        Json.parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
            .get("mfa")
            .asText();
    String code = code(user).replaceAll("\\D", "");
    for (String path : new String[] {"/api/login/mfa", "/api/mfa/verify", "/voltmx/mfa/validate"}) {
      HttpResponse<String> res = server.postForm(path, Map.of("mfa_token", mfaToken, "otp", code));
      assertEquals(401, res.statusCode(), path + ": " + res.body());
      assertTrue(res.body().contains("invalid_mfa_token"), path + ": " + res.body());
    }
    JsonNode done = answer(stateId, code(user));
    assertEquals(
        "success", done.get("status").asText(), "the code was not spent elsewhere: " + done);
  }

  @Test
  void wrongCodesExhaustTheOtpRetriesWhichAnOlderStateIdDoesNotBringBack() throws Exception {
    User user = newOtpUser();
    JsonNode otp = otpChallenge(user);
    JsonNode reply = otp;
    for (int left = 2; left >= 1; left--) {
      reply = answer(reply.get("stateId").asText(), "{\"otp\":\"000000\"}");
      assertOtpChallenge(reply, left);
    }
    JsonNode last = answer(reply.get("stateId").asText(), "{\"otp\":\"000000\"}");
    assertEquals("failure", last.get("status").asText(), last.toString());
    assertEquals("failure", answer(otp.get("stateId").asText(), code(user)).get("status").asText());
  }

  @Test
  void aCodeAcceptedOnceIsRefusedInTheNextFlow() throws Exception {
    User user = newOtpUser();
    String code = code(user);
    assertEquals(
        "success", answer(otpChallenge(user).get("stateId").asText(), code).get("status").asText());
    assertOtpChallenge(answer(otpChallenge(user).get("stateId").asText(), code), 2);
  }

  @Test
  void wrongCodesCountAsFailuresOfTheNameAndPastTheLimitEndTheFlow() throws Exception {
    User user = newOtpUser();
    JsonNode reply = otpChallenge(user);
    for (int i = 0; i < 3; i++) {
      reply = answer(reply.get("stateId").asText(), "{\"otp\":\"000000\"}");
    }
    JsonNode second = answer(otpChallenge(user).get("stateId").asText(), "{\"otp\":\"000000\"}");
    assertOtpChallenge(second, 2);
    JsonNode throttled = answer(second.get("stateId").asText(), code(user));
    assertEquals(
        "failure",
        throttled.get("status").asText(),
        "past throttle.userThreshold (4) the code is unread");
  }

  @Test
  void withMfaRequiredAUserWithoutTotpGetsFailure() throws Exception {
    try (TestServer required = TestServer.start(Map.of("mfa.required", "true"), CLOCK)) {
      required.addUser("plain", "plain-pass", Map.of());
      HttpResponse<String> res =
          required.postJson(
              "/mca/apps/" + TENANT + "/idbridge/handleChallengeAnswer",
              "{\"challengeAnswer\":" + login("plain", "plain-pass") + "}");
      assertEquals(200, res.statusCode(), res.body());
      assertEquals("failure", Json.parse(res.body()).get("status").asText(), res.body());
    }
  }

  @Test
  void aTamperedStateIdCannotSkipTheOtpStep() throws Exception {
    String otpState = answer(null, login("otto", "otto-pass")).get("stateId").asText();
    String[] parts = otpState.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertTrue(payload.contains("\"retries\":3"), payload);
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    payload
                        .replace("\"retries\":3", "\"retries\":9")
                        .getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    // Not a valid state of ours, so the flow starts afresh at the password: a code is no answer
    // there.
    assertPasswordChallenge(answer(forged, "{\"otp\":\"000000\"}"), 2);
    JsonNode badSignature =
        answer(otpState.substring(0, otpState.length() - 4) + "AAAA", "{\"otp\":\"000000\"}");
    assertPasswordChallenge(badSignature, 2);
  }

  @Test
  void aStateIdWeDidNotIssueIsTreatedAsAbsent() throws Exception {
    // MCA's web flow passes the app's own OAuth state as the stateId.
    JsonNode oauthState = answer("af0ifjsldkj", SEED_ANSWER);
    assertEquals("success", oauthState.get("status").asText(), oauthState.toString());

    String session =
        Json.parse(
                server
                    .postForm("/api/login", Map.of("username", "bob.smith", "password", "abcd1234"))
                    .body())
            .get("token")
            .asText();
    JsonNode sessionToken = answer(session, SEED_ANSWER);
    assertEquals(
        "success",
        sessionToken.get("status").asText(),
        "a token of ours of another kind is no state");
  }

  @Test
  void anExpiredStateIdRestartsTheFlowWithoutReadingTheAnswer() throws Exception {
    String name = newUser("right-pass");
    JsonNode wrong =
        answer(start(TENANT, REALM).get("stateId").asText(), login(name, "wrong-pass"));
    assertPasswordChallenge(wrong, 2);
    CLOCK.advance(Duration.ofMinutes(6));

    JsonNode restarted = answer(wrong.get("stateId").asText(), login(name, "right-pass"));
    assertPasswordChallenge(restarted, 3);
    assertNotEquals(wrong.get("stateId"), restarted.get("stateId"));
    JsonNode done = answer(restarted.get("stateId").asText(), login(name, "right-pass"));
    assertEquals("success", done.get("status").asText(), done.toString());
  }

  @Test
  void aStateIdOfAnotherTenantOrRealmIsAFailure() throws Exception {
    String stateId = start(TENANT, REALM).get("stateId").asText();
    assertEquals(
        "failure", answer(OTHER_TENANT, REALM, stateId, SEED_ANSWER).get("status").asText());
    assertEquals(
        "failure", answer(TENANT, "second-realm", stateId, SEED_ANSWER).get("status").asText());
  }

  @Test
  void anUnknownRealmOrTenantIsAFailure() throws Exception {
    assertEquals("failure", start(TENANT, "otherRealm").get("status").asText());
    String unknownTenant = "99999999-0000-4000-8000-000000000000";
    JsonNode body = start(unknownTenant, REALM);
    assertEquals("failure", body.get("status").asText());
    assertEquals(1, body.size(), "a bare failure: " + body);
    assertEquals("failure", answer(unknownTenant, REALM, null, SEED_ANSWER).get("status").asText());
  }

  @Test
  void failuresAreCountedByNameNeverByMcasOwnAddress() throws Exception {
    // Three wrong answers for three names from MCA's one address: past throttle.threshold (2) had
    // it counted.
    for (int i = 0; i < 3; i++) {
      answer(null, login("ghost-" + System.nanoTime(), "guess"));
    }
    assertEquals("success", answer(null, SEED_ANSWER).get("status").asText());

    String name = newUser("right-pass");
    for (int i = 0; i < 4; i++) {
      answer(null, login(name, "guess-" + i));
    }
    JsonNode throttled = answer(null, login(name, "right-pass"));
    assertEquals(
        "failure",
        throttled.get("status").asText(),
        "past throttle.userThreshold the password is unread");
    CLOCK.advance(Duration.ofMinutes(31));
    assertEquals("success", answer(null, login(name, "right-pass")).get("status").asText());
  }

  @Test
  void mcasTokenIsRequiredWhenItsKeyIsConfigured() throws Exception {
    String body = "{\"headers\":{}}";
    HttpResponse<String> missing = post(TENANT, REALM, "startAuthorization", body);
    assertError(missing, 401, "caller_unauthorized");

    Instant later = CLOCK.instant().plusSeconds(600);
    String expired = mcaToken(mcaKey.getPrivate(), TENANT, CLOCK.instant().minusSeconds(120));
    String wrongAudience = mcaToken(mcaKey.getPrivate(), OTHER_TENANT, later);
    String wrongKey = mcaToken(TestKeys.rsa().getPrivate(), TENANT, later);
    for (String token : new String[] {expired, wrongAudience, wrongKey}) {
      assertError(
          post(TENANT, REALM, "startAuthorization", body, "Authorization", "Bearer " + token),
          403,
          "caller_forbidden");
    }
    String good = mcaToken(mcaKey.getPrivate(), TENANT, later);
    HttpResponse<String> alone =
        post(TENANT, REALM, "startAuthorization", body, "Authorization", "Bearer " + good);
    assertEquals(
        "challenge", Json.parse(alone.body()).get("status").asText(), "one token is enough");
    HttpResponse<String> second =
        post(
            TENANT,
            REALM,
            "startAuthorization",
            body,
            "Authorization",
            "Bearer " + wrongKey + " " + good);
    assertEquals(403, second.statusCode(), "only the first token is MCA's");
  }

  @Test
  void malformedJsonIsAnHttp200FailureInMcasErrorShape() throws Exception {
    assertError(
        call(TENANT, REALM, "handleChallengeAnswer", "{\"stateId\": "), 200, "invalid_request");
    assertError(call(TENANT, REALM, "startAuthorization", "[1,2]"), 200, "invalid_request");
  }

  @Test
  void aMissingOrNonObjectChallengeAnswerIsAnHttp200Failure() throws Exception {
    HttpResponse<String> missing =
        call(TENANT, REALM, "handleChallengeAnswer", "{\"headers\":{},\"stateId\":\"x\"}");
    assertError(missing, 200, "invalid_request");
    assertTrue(Json.parse(missing.body()).get("message").asText().contains("challengeAnswer"));
    assertError(
        call(TENANT, REALM, "handleChallengeAnswer", "{\"challengeAnswer\":\"bob\"}"),
        200,
        "invalid_request");
  }

  @Test
  void theIdentitysUserNameMayBeTheLoginNameWithTheIdInTheAttributes() throws Exception {
    try (TestServer byName = TestServer.start(Map.of("mca.userName", "username"), CLOCK)) {
      byName.addUser("bob.smith", "abcd1234", Map.of());
      String path = "/mca/apps/" + TENANT + "/idbridge/handleChallengeAnswer";
      HttpResponse<String> res =
          byName.postJson(path, "{\"headers\":{},\"challengeAnswer\":" + SEED_ANSWER + "}");
      assertEquals(200, res.statusCode(), res.body());
      JsonNode identity = Json.parse(res.body()).get("userIdentity");
      assertEquals("bob.smith", identity.get("userName").asText(), "the seed's username");
      assertEquals("id-bob.smith", identity.at("/attributes/id").asText());
      assertEquals("bob.smith", identity.at("/attributes/username").asText());
    }
  }

  @Test
  void otherPathsUnderMcaAre404AndOtherMethods405InMcasErrorShape() throws Exception {
    assertError(call(TENANT, REALM, "authorize", "{}"), 404, "not_found");
    assertError(
        server.postJson("/mca/apps/" + TENANT + "/startAuthorization", "{}"), 404, "not_found");
    assertError(server.get("/mca/elsewhere"), 404, "not_found");
    assertError(
        server.send(
            HttpRequest.newBuilder(
                    server.uri("/mca/apps/" + TENANT + "/" + REALM + "/startAuthorization"))
                .GET()),
        405,
        "method_not_allowed");
  }

  static void assertError(HttpResponse<String> res, int status, String code) {
    assertEquals(status, res.statusCode(), res.body());
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    JsonNode body = Json.parse(res.body());
    assertEquals("failure", body.get("status").asText());
    assertEquals(code, body.get("error").asText());
    assertEquals(
        res.headers().firstValue("X-Request-Id").orElseThrow(), body.get("requestId").asText());
  }
}
