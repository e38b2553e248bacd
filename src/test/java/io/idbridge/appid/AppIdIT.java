package io.idbridge.appid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.idbridge.directory.User;
import io.idbridge.jwt.Pem;
import io.idbridge.mfa.Base32;
import io.idbridge.mfa.Totp;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestKeys;
import io.idbridge.testing.TestServer;
import io.idbridge.testing.TotpSecrets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IBM App ID's custom identity over real HTTP: the assertion checked with an independent JWT
 * library against our published PEM, and the exchange against a local stand-in of App ID's token
 * endpoint.
 */
class AppIdIT {
  static final String AUDIENCE =
      "https://us-south.appid.cloud.ibm.com/oauth/v4/" + AppIdStandIn.TENANT;
  static final FakeClock CLOCK = new FakeClock(Instant.now());
  static final String CAROLS_SECRET = "JBSWY3DPEHPK3PXP";
  static AppIdStandIn appId;
  static TestServer server;
  static String pem;

  @BeforeAll
  static void start() throws Exception {
    appId = new AppIdStandIn(CLOCK, AUDIENCE);
    server = TestServer.start(appIdProperties(appId.oauthServerUrl(), Map.of()), CLOCK);
    server.addUser(
        "alice",
        "correct horse",
        Map.of(
            "role",
            "admin",
            "locale",
            "en-GB",
            "gender",
            "female",
            "picture",
            "https://example.com/alice.png",
            "shoe_size",
            "38"));
    server.addUser("bob", "bob-pass", Map.of());
    User carol = server.addUser("carol", "carol-pass", Map.of());
    server.users().update(carol.withTotp(CAROLS_SECRET, true));
    pem = server.get("/keys/signing.pem").body();
    appId.trust(pem); // what the administrator pastes in App ID's console
  }

  static Map<String, String> appIdProperties(String oauthServerUrl, Map<String, String> more) {
    Map<String, String> props =
        new HashMap<>(
            Map.of(
                "appid.audience", AUDIENCE,
                "appid.issuer", "https://login.example.com",
                "appid.scope", "read:profile",
                "appid.claims", "role, department",
                "appid.oauthServerUrl", oauthServerUrl,
                "appid.clientId", AppIdStandIn.CLIENT_ID,
                "appid.secret", AppIdStandIn.SECRET,
                "throttle.threshold", "3",
                "throttle.userThreshold", "10",
                "http.trustedProxies", "127.0.0.1,::1"));
    props.putAll(more);
    return props;
  }

  @AfterAll
  static void stop() {
    server.close();
    appId.close();
  }

  @AfterEach
  void appIdAnswersNormallyAgain() throws Exception {
    appId.answerNormally();
    appId.trust(pem);
  }

  private static int nextIp = 1;

  /**
   * Each request comes from its own address (through the trusted-proxy header), so failure counts
   * do not mix.
   */
  private static synchronized HttpResponse<String> post(
      TestServer on, String path, Map<String, String> form) {
    nextIp++;
    return on.postForm(path, form, "X-Forwarded-For", "198.51.100." + nextIp);
  }

  private static SignedJWT assertion(Map<String, String> form) throws Exception {
    HttpResponse<String> res = post(server, "/appid/assertion", form);
    assertEquals(200, res.statusCode(), res.body());
    return SignedJWT.parse(Json.parse(res.body()).get("assertion").asText());
  }

  @Test
  void theAssertionHeaderIsRs256JoseWithTheKidOfOurPublishedRsaKey() throws Exception {
    SignedJWT jwt = assertion(Map.of("username", "alice", "password", "correct horse"));
    assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
    assertEquals(new JOSEObjectType("JOSE"), jwt.getHeader().getType());
    JWKSet jwks = JWKSet.parse(server.get("/.well-known/jwks.json").body());
    RSAPublicKey published = AppIdStandIn.publicKey(pem);
    assertEquals(
        published, jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey().toRSAPublicKey());
    assertTrue(jwt.verify(new RSASSAVerifier(published)), "signed by the key of /keys/signing.pem");
  }

  @Test
  void theAssertionCarriesTheSeedsRequiredNormalizedScopeAndCustomClaims() throws Exception {
    HttpResponse<String> res =
        post(
            server,
            "/appid/assertion",
            Map.of(
                "username",
                "alice",
                "password",
                "correct horse",
                "scope",
                "photos.read read:profile"));
    assertEquals(200, res.statusCode(), res.body());
    assertEquals(300, Json.parse(res.body()).get("expires_in").asLong());
    JWTClaimsSet claims =
        SignedJWT.parse(Json.parse(res.body()).get("assertion").asText()).getJWTClaimsSet();
    assertEquals("https://login.example.com", claims.getIssuer());
    assertEquals(List.of(AUDIENCE), claims.getAudience());
    assertEquals("id-alice", claims.getSubject());
    long now = CLOCK.instant().getEpochSecond();
    assertEquals(now, claims.getIssueTime().toInstant().getEpochSecond());
    assertEquals(
        now + 300, claims.getExpirationTime().toInstant().getEpochSecond(), "5 minutes by default");
    assertEquals(UUID.fromString(claims.getJWTID()).toString(), claims.getJWTID());
    assertEquals("Display alice", claims.getStringClaim("name"));
    assertEquals("alice@example.com", claims.getStringClaim("email"));
    assertEquals("en-GB", claims.getStringClaim("locale"));
    assertEquals("https://example.com/alice.png", claims.getStringClaim("picture"));
    assertEquals("female", claims.getStringClaim("gender"));
    assertEquals(
        "read:profile photos.read", claims.getStringClaim("scope"), "configured first, each once");
    assertEquals("admin", claims.getStringClaim("role"));
    assertNull(claims.getClaim("department"), "an attribute the user lacks is left out");
    assertNull(claims.getClaim("shoe_size"), "attributes not configured as claims stay home");
  }

  @Test
  void everyAssertionHasItsOwnJti() throws Exception {
    Map<String, String> form = Map.of("username", "bob", "password", "bob-pass");
    assertNotEquals(
        assertion(form).getJWTClaimsSet().getJWTID(), assertion(form).getJWTClaimsSet().getJWTID());
  }

  @Test
  void aJsonRequestMayAskForAnotherLifetimeWithinTheMaximum() throws Exception {
    HttpResponse<String> res =
        server.postJson(
            "/appid/assertion",
            "{\"username\":\"bob\",\"password\":\"bob-pass\",\"expires_in\":60}",
            "Accept",
            "application/xml");
    assertEquals(200, res.statusCode(), res.body());
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    JWTClaimsSet claims =
        SignedJWT.parse(Json.parse(res.body()).get("assertion").asText()).getJWTClaimsSet();
    assertEquals(
        60, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);

    HttpResponse<String> tooLong =
        post(
            server,
            "/appid/assertion",
            Map.of("username", "bob", "password", "bob-pass", "expires_in", "3601"));
    assertEquals(400, tooLong.statusCode());
    assertEquals(
        "expires_in must be a whole number of seconds from 10 to 3600",
        Json.parse(tooLong.body()).get("error_description").asText());
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSame401InAppIdsErrorShape() {
    HttpResponse<String> wrong =
        post(server, "/appid/assertion", Map.of("username", "bob", "password", "nope"));
    HttpResponse<String> unknown =
        post(
            server,
            "/appid/token",
            Map.of("username", "nobody-" + System.nanoTime(), "password", "nope"));
    for (HttpResponse<String> res : List.of(wrong, unknown)) {
      assertEquals(401, res.statusCode());
      JsonNode body = Json.parse(res.body());
      assertEquals("invalid_credentials", body.get("error").asText());
      assertEquals("the username or password is wrong", body.get("error_description").asText());
      assertEquals(
          res.headers().firstValue("X-Request-Id").orElseThrow(), body.get("request_id").asText());
    }
  }

  @Test
  void failuresPastTheThresholdGet429WithRetryAfterEvenWithTheRightPassword() {
    String ip = "203.0.113.77";
    for (int i = 0; i < 3; i++) {
      assertEquals(
          401,
          server
              .postForm(
                  "/appid/assertion",
                  Map.of("username", "bob", "password", "guess" + i),
                  "X-Forwarded-For",
                  ip)
              .statusCode());
    }
    HttpResponse<String> blocked =
        server.postForm(
            "/appid/token",
            Map.of("username", "bob", "password", "bob-pass"),
            "X-Forwarded-For",
            ip);
    assertEquals(429, blocked.statusCode());
    assertEquals("too_many_failures", Json.parse(blocked.body()).get("error").asText());
    assertTrue(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()) > 0);
  }

  @Test
  void malformedRequestsAre400NamingTheProblem() {
    HttpResponse<String> noPassword = post(server, "/appid/assertion", Map.of("username", "bob"));
    assertEquals(400, noPassword.statusCode());
    assertEquals(
        "missing parameter: password",
        Json.parse(noPassword.body()).get("error_description").asText());
    HttpResponse<String> badScope =
        post(
            server,
            "/appid/assertion",
            Map.of("username", "bob", "password", "bob-pass", "scope", "a\"b"));
    assertEquals(400, badScope.statusCode());
    assertEquals("invalid_scope", Json.parse(badScope.body()).get("error").asText());
    HttpResponse<String> badJson = server.postJson("/appid/assertion", "{\"username\":");
    assertEquals(400, badJson.statusCode());
    assertEquals("invalid_request", Json.parse(badJson.body()).get("error").asText());
  }

  /** Carol's code now. */
  static String carolsCode() {
    Totp totp = server.config().mfa().totp();
    return totp.code(Base32.decode(CAROLS_SECRET), totp.step(CLOCK.instant()));
  }

  static Map<String, String> carol(String otp) {
    return Map.of("username", "carol", "password", "carol-pass", "otp", otp);
  }

  @Test
  void aCodeSentAsAJsonNumberGetsBackTheLeadingZerosItLost() throws Exception {
    CLOCK.advance(Duration.ofSeconds(30));
    Totp totp = server.config().mfa().totp();
    String secret = TotpSecrets.withLeadingZeroAt(totp, CLOCK.instant());
    User dana = server.addUser("dana", "dana-pass", Map.of());
    server.users().update(dana.withTotp(secret, true));
    String code = totp.code(Base32.decode(secret), totp.step(CLOCK.instant()));
    String number = Long.toString(Long.parseLong(code));
    HttpResponse<String> res =
        server.postJson(
            "/appid/assertion",
            "{\"username\":\"dana\",\"password\":\"dana-pass\",\"otp\":" + number + "}");
    assertEquals(200, res.statusCode(), "{\"otp\":" + number + "} for " + code + ": " + res.body());
    assertEquals(
        dana.id(),
        SignedJWT.parse(Json.parse(res.body()).get("assertion").asText())
            .getJWTClaimsSet()
            .getSubject());
  }

  @Test
  void aUserWithMfaGetsAnAssertionOnlyWithTheRightCodeAndOnlyOnce() throws Exception {
    CLOCK.advance(Duration.ofSeconds(30));
    HttpResponse<String> noCode =
        post(server, "/appid/assertion", Map.of("username", "carol", "password", "carol-pass"));
    assertEquals(401, noCode.statusCode());
    assertEquals("mfa_required", Json.parse(noCode.body()).get("error").asText());
    HttpResponse<String> wrong = post(server, "/appid/assertion", carol("000000"));
    assertEquals(401, wrong.statusCode());
    assertEquals("invalid_otp", Json.parse(wrong.body()).get("error").asText());

    String code = carolsCode();
    assertEquals("id-carol", assertion(carol(code)).getJWTClaimsSet().getSubject());
    HttpResponse<String> replay = post(server, "/appid/assertion", carol(code));
    assertEquals(401, replay.statusCode(), "a code counts once");
    assertEquals("invalid_otp", Json.parse(replay.body()).get("error").asText());

    CLOCK.advance(Duration.ofSeconds(30));
    HttpResponse<String> token = post(server, "/appid/token", carol(carolsCode()));
    assertEquals(200, token.statusCode(), token.body());
    assertEquals("id-carol", appId.lastClaims().getSubject());
  }

  @Test
  void wrongCodesCountAsLoginFailures() {
    CLOCK.advance(Duration.ofSeconds(30));
    String ip = "203.0.113.78";
    for (int i = 0; i < 3; i++) {
      assertEquals(
          401,
          server
              .postForm("/appid/assertion", carol("00000" + i), "X-Forwarded-For", ip)
              .statusCode());
    }
    HttpResponse<String> blocked =
        server.postForm("/appid/assertion", carol(carolsCode()), "X-Forwarded-For", ip);
    assertEquals(429, blocked.statusCode(), blocked.body());
    assertTrue(blocked.headers().firstValue("Retry-After").isPresent());
  }

  @Test
  void withMfaRequiredAUserWithoutACodeIsToldToEnroll() {
    try (TestServer required =
        TestServer.start(
            appIdProperties(appId.oauthServerUrl(), Map.of("mfa.required", "true")), CLOCK)) {
      required.addUser("bob", "bob-pass", Map.of());
      HttpResponse<String> res =
          post(required, "/appid/assertion", Map.of("username", "bob", "password", "bob-pass"));
      assertEquals(403, res.statusCode(), res.body());
      JsonNode body = Json.parse(res.body());
      assertEquals("mfa_enrollment_required", body.get("error").asText());
      assertTrue(body.get("error_description").asText().contains("/api/login"));
    }
  }

  @Test
  void theServerExchangesTheAssertionAtAppIdAndRelaysItsTokens() throws Exception {
    HttpResponse<String> res =
        post(
            server,
            "/appid/token",
            Map.of("username", "alice", "password", "correct horse", "scope", "photos.read"));
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertEquals("at-id-alice", body.get("access_token").asText());
    assertEquals("it-id-alice", body.get("id_token").asText());
    assertEquals("Bearer", body.get("token_type").asText());
    assertTrue(body.get("expires_in").isNumber(), "App ID's string expires_in becomes a number");
    assertEquals(3600, body.get("expires_in").asLong());
    assertEquals(AppIdTokenEndpoint.GRANT_TYPE, appId.lastForm().get("grant_type"));
    assertEquals("read:profile photos.read", appId.lastForm().get("scope"));
    assertEquals(
        "id-alice", appId.lastClaims().getSubject(), "the stand-in verified the assertion");
  }

  @Test
  void appIdRefusingTheAssertionIsA502SayingWhatToCheck() throws Exception {
    appId.trust(otherKeyPem()); // the console holds some other key
    HttpResponse<String> res =
        post(server, "/appid/token", Map.of("username", "bob", "password", "bob-pass"));
    assertEquals(502, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertEquals("appid_rejected", body.get("error").asText());
    String description = body.get("error_description").asText();
    assertTrue(
        description.startsWith(
            "IBM App ID refused the assertion (invalid_grant: Invalid assertion signature)"),
        description);
    assertTrue(description.contains("/keys/signing.pem"), description);
  }

  @Test
  void appIdFailingOrAnsweringWithoutATokenIsA502AndBusyIsA503() {
    appId.answer(500, "<html>Internal Server Error</html>");
    HttpResponse<String> failed =
        post(server, "/appid/token", Map.of("username", "bob", "password", "bob-pass"));
    assertEquals(502, failed.statusCode());
    assertEquals("appid_error", Json.parse(failed.body()).get("error").asText());
    appId.answer(429, "{\"error\":\"too_many_requests\"}");
    HttpResponse<String> busy =
        post(server, "/appid/token", Map.of("username", "bob", "password", "bob-pass"));
    assertEquals(503, busy.statusCode());
    assertEquals("appid_unavailable", Json.parse(busy.body()).get("error").asText());
  }

  @Test
  void appIdsRateLimitReachesTheCallerAs503WithItsRetryAfter() {
    appId.answer(429, "{\"error\":\"too_many_requests\"}", Map.of("Retry-After", "7"));
    HttpResponse<String> busy =
        post(server, "/appid/token", Map.of("username", "bob", "password", "bob-pass"));
    assertEquals(503, busy.statusCode(), busy.body());
    assertEquals("7", busy.headers().firstValue("Retry-After").orElse("none"));
    appId.answer(429, "{\"error\":\"too_many_requests\"}", Map.of("Retry-After", "soon"));
    HttpResponse<String> vague =
        post(server, "/appid/token", Map.of("username", "bob", "password", "bob-pass"));
    assertEquals(503, vague.statusCode(), vague.body());
    assertEquals("1", vague.headers().firstValue("Retry-After").orElse("none"));
  }

  @Test
  void appIdUnreachableIsA503() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + closed + "/oauth";
    try (TestServer down = TestServer.start(appIdProperties(nowhere, Map.of()), CLOCK)) {
      down.addUser("bob", "bob-pass", Map.of());
      HttpResponse<String> res =
          post(down, "/appid/token", Map.of("username", "bob", "password", "bob-pass"));
      assertEquals(503, res.statusCode(), res.body());
      JsonNode body = Json.parse(res.body());
      assertEquals("appid_unavailable", body.get("error").asText());
      assertEquals(
          "IBM App ID cannot be reached; try again shortly",
          body.get("error_description").asText());
    }
  }

  @Test
  void appIdNotAnsweringWithinTheTimeoutIsA504() throws Exception {
    // Accepts connections (the backlog) and never answers.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TestServer slow =
            TestServer.start(
                appIdProperties(
                    "http://127.0.0.1:" + silent.getLocalPort() + "/oauth",
                    Map.of("appid.timeout", "300ms")),
                CLOCK)) {
      slow.addUser("bob", "bob-pass", Map.of());
      HttpResponse<String> res =
          post(slow, "/appid/token", Map.of("username", "bob", "password", "bob-pass"));
      assertEquals(504, res.statusCode(), res.body());
      assertEquals("appid_timeout", Json.parse(res.body()).get("error").asText());
    }
  }

  @Test
  void withoutAppIdConfiguredBothEndpointsSaySo() {
    try (TestServer plain = TestServer.start(Map.of(), CLOCK)) {
      for (String path : List.of("/appid/assertion", "/appid/token")) {
        HttpResponse<String> res =
            post(plain, path, Map.of("username", "bob", "password", "bob-pass"));
        assertEquals(404, res.statusCode());
        assertEquals("not_configured", Json.parse(res.body()).get("error").asText());
      }
    }
  }

  @Test
  void otherMethodsGetAppIdsErrorShape() {
    HttpResponse<String> res =
        server.send(HttpRequest.newBuilder(server.uri("/appid/assertion")).GET());
    assertEquals(405, res.statusCode());
    assertFalse(Json.parse(res.body()).get("error_description").asText().isEmpty());
  }

  private static String otherKeyPem() {
    return Pem.toPem(TestKeys.rsa().getPublic());
  }
}
