package io.idbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our own client login over real HTTP: the token, logout, revocation and the error answers. */
class ApiLoginIT {
  static final FakeClock CLOCK = new FakeClock(java.time.Instant.now());
  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "throttle.threshold",
                "3",
                "throttle.userThreshold",
                "4",
                "http.trustedProxies",
                "127.0.0.1,::1"),
            CLOCK);
    server.addUser("alice", "correct horse", Map.of("role", "admin"));
    server.addUser("dora", "dora-pass", Map.of());
    server.users().update(server.users().findByUsername("dora").orElseThrow().withDisabled(true));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static int nextIp = 1;

  /**
   * Each test logs in from its own address (through the trusted-proxy header), so counts do not
   * mix.
   */
  private static synchronized String freshIp() {
    nextIp++;
    return "198.51.100." + nextIp;
  }

  private HttpResponse<String> login(String user, String password, String ip) {
    return server.postForm(
        "/api/login",
        Map.of("username", user, "password", password),
        "X-Forwarded-For",
        ip == null ? freshIp() : ip);
  }

  @Test
  void loginReturnsATokenThatAnIndependentLibraryVerifiesWithOurJwks() throws Exception {
    HttpResponse<String> res = login("alice", "correct horse", null);
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertEquals("Bearer", body.get("token_type").asText());
    assertEquals(3600, body.get("expires_in").asLong());
    assertEquals("id-alice", body.get("user").get("id").asText());
    assertEquals("alice", body.get("user").get("username").asText());
    assertEquals("alice@example.com", body.get("user").get("email").asText());

    JWKSet jwks = JWKSet.parse(server.get("/.well-known/jwks.json").body());
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("idbridge-session+jwt")));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks)));
    processor.setJWTClaimsSetVerifier((claims, ctx) -> {});
    JWTClaimsSet claims = processor.process(body.get("token").asText(), null);
    assertEquals("idbridge", claims.getIssuer());
    assertEquals("id-alice", claims.getSubject());
    assertTrue(claims.getStringClaim("sid").length() > 10);
    assertEquals(
        3600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
  }

  @Test
  void loginAcceptsJsonBodies() {
    HttpResponse<String> res =
        server.postJson("/api/login", "{\"username\":\"alice\",\"password\":\"correct horse\"}");
    assertEquals(200, res.statusCode(), res.body());
  }

  @Test
  void wrongPasswordUnknownUserAndDisabledUserGetTheSameAnswer() {
    HttpResponse<String> wrong = login("alice", "nope", null);
    HttpResponse<String> unknown = login("nobody-" + System.nanoTime(), "nope", null);
    HttpResponse<String> disabled = login("dora", "dora-pass", null);
    for (HttpResponse<String> res : java.util.List.of(wrong, unknown, disabled)) {
      assertEquals(401, res.statusCode());
      JsonNode body = Json.parse(res.body());
      assertEquals("invalid_credentials", body.get("error").asText());
      assertEquals("the username or password is wrong", body.get("message").asText());
      assertEquals(
          res.headers().firstValue("X-Request-Id").orElseThrow(), body.get("request_id").asText());
    }
    server.postForm("/api/login", Map.of("username", "alice", "password", "correct horse"));
  }

  @Test
  void missingFieldsAre400NamingTheField() {
    HttpResponse<String> res = server.postForm("/api/login", Map.of("username", "alice"));
    assertEquals(400, res.statusCode());
    assertEquals("missing parameter: password", Json.parse(res.body()).get("message").asText());
  }

  @Test
  void logoutRevokesTheSessionAndTheTokenStopsWorking() {
    String token = Json.parse(login("alice", "correct horse", null).body()).get("token").asText();
    HttpResponse<String> out =
        server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + token);
    assertEquals(200, out.statusCode(), out.body());
    HttpResponse<String> again =
        server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + token);
    assertEquals(401, again.statusCode());
    assertEquals("invalid_token", Json.parse(again.body()).get("error").asText());
  }

  @Test
  void logoutWithAForgedTokenIs401() {
    HttpResponse<String> res =
        server.postForm("/api/logout", Map.of("token", "eyJhbGciOiJub25lIn0.e30."));
    assertEquals(401, res.statusCode());
  }

  @Test
  void failuresFromOneAddressPastTheThresholdGet429WithRetryAfter() {
    String ip = freshIp();
    for (int i = 0; i < 3; i++) {
      assertEquals(401, login("someone-" + i + "-" + System.nanoTime(), "guess", ip).statusCode());
    }
    HttpResponse<String> blocked = login("alice", "correct horse", ip);
    assertEquals(429, blocked.statusCode(), "the right password does not get past the limit");
    assertEquals("too_many_failures", Json.parse(blocked.body()).get("error").asText());
    assertEquals(
        200,
        login("alice", "correct horse", freshIp()).statusCode(),
        "other addresses are not blocked");
  }

  @Test
  void anUnknownNameReachesTheSameLimitAsARealOneAfterWhichBothLapseWithTheTtl() {
    String unknown = "ghost-" + System.nanoTime();
    server.addUser("real-" + unknown, "pw", Map.of());
    for (String name : java.util.List.of(unknown, "real-" + unknown)) {
      for (int i = 0; i < 4; i++) {
        assertEquals(401, login(name, "guess" + i, null).statusCode());
      }
    }
    HttpResponse<String> blockedUnknown = login(unknown, "guess", null);
    HttpResponse<String> blocked = login("real-" + unknown, "pw", null);
    assertEquals(429, blockedUnknown.statusCode());
    assertEquals(429, blocked.statusCode());
    assertEquals(
        Json.parse(blockedUnknown.body()).get("message"),
        Json.parse(blocked.body()).get("message"));
    long retryAfter = Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 1800, "Retry-After " + retryAfter);

    CLOCK.advance(Duration.ofMinutes(31));
    assertEquals(200, login("real-" + unknown, "pw", null).statusCode());
  }

  @Test
  void aSuccessfulLoginResetsTheCount() {
    String name = "reset-" + System.nanoTime();
    server.addUser(name, "pw-reset", Map.of());
    for (int i = 0; i < 3; i++) {
      assertEquals(401, login(name, "guess", null).statusCode());
    }
    assertEquals(200, login(name, "pw-reset", null).statusCode());
    for (int i = 0; i < 3; i++) {
      assertEquals(
          401, login(name, "guess", null).statusCode(), "the count started again from zero");
    }
  }
}
