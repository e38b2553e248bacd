package io.idbridge.connectycube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ConnectyCube's (and QuickBlox's) custom identity check over real HTTP, played as ConnectyCube
 * plays it.
 */
class ConnectyCubeIT {
  static final String SECRET = "dashboard-header-secret-0123";
  static final FakeClock CLOCK = new FakeClock(Instant.now());
  static TestServer server;
  static TestServer guarded;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of(), CLOCK);
    // The seed's example user.
    server.addUser("simon371", "simon-pass", Map.of());
    guarded =
        TestServer.start(
            Map.of(
                "connectycube.tokenParam",
                "login",
                "connectycube.caller.mode",
                "secret",
                "connectycube.caller.secret",
                SECRET,
                "connectycube.caller.secret.header",
                "X-CC-Secret",
                "connectycube.audience",
                "chat"),
            CLOCK);
    guarded.addUser("simon371", "simon-pass", Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
    guarded.close();
  }

  /** Step 1 of the seed's flow: the user logs in at our backend and receives a token. */
  private static String login(TestServer on, String username, String password) {
    HttpResponse<String> res =
        on.postForm("/api/login", Map.of("username", username, "password", password));
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).get("token").asText();
  }

  private static String query(String token) {
    return "/connectycube/verify?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> post(String contentType, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri("/connectycube/verify"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return server.send(request, headers);
  }

  /**
   * Resolves a dashboard response mapping such as {@code #{user.id}} against our answer, as
   * ConnectyCube does.
   */
  private static String mapped(JsonNode answer, String template) {
    String path = template.substring(2, template.length() - 1).replace('.', '/');
    return answer.at("/" + path).asText();
  }

  private static void assertSimon(HttpResponse<String> res) {
    assertEquals(200, res.statusCode(), res.body());
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    JsonNode body = Json.parse(res.body());
    assertEquals(
        "id-simon371", mapped(body, "#{user.id}"), "the seed's mapping {\"uid\": \"#{user.id}\"}");
    assertEquals("id-simon371", mapped(body, "#{uid}"));
    assertEquals("simon371", body.get("login").asText());
    assertEquals("Display simon371", body.get("full_name").asText());
    assertEquals("simon371@example.com", body.get("email").asText());
    assertEquals("simon371", body.get("user").get("login").asText());
    assertEquals("Display simon371", body.get("user").get("full_name").asText());
    assertEquals("simon371@example.com", body.get("user").get("email").asText());
  }

  private static void assertRefused(HttpResponse<String> res, int status, String sentence) {
    assertEquals(status, res.statusCode(), res.body());
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    JsonNode body = Json.parse(res.body());
    assertEquals(sentence, body.get("error").asText());
    assertEquals(
        res.headers().firstValue("X-Request-Id").orElseThrow(), body.get("request_id").asText());
  }

  @Test
  void getWithTheTokenAsQueryParameterAnswersTheUserForEitherMapping() {
    assertSimon(server.get(query(login(server, "simon371", "simon-pass"))));
  }

  @Test
  void postWithAFormOrAJsonBodyAnswersAlike() {
    String token = login(server, "simon371", "simon-pass");
    assertSimon(server.postForm("/connectycube/verify", Map.of("token", token)));
    assertSimon(server.postJson("/connectycube/verify", "{\"token\":\"" + token + "\"}"));
  }

  @Test
  void aGetWithOnlyABearerHeaderVerifiesLikeTheQueryParameter() {
    String token = login(server, "simon371", "simon-pass");
    assertSimon(server.get("/connectycube/verify", "Authorization", "Bearer " + token));
    assertRefused(
        server.get("/connectycube/verify", "Authorization", "Bearer forged." + token),
        401,
        "Your sign-in is not valid. Please sign in again.");
    assertRefused(
        server.get("/connectycube/verify", "Authorization", "Basic c2ltb246c2ltb24="),
        400,
        "Sign-in failed because no token was sent. Please sign in again.");
  }

  @Test
  void anyContentTypeOrNoneIsAcceptedNeverA415() {
    String token = login(server, "simon371", "simon-pass");
    assertSimon(post("text/plain", "token=" + token));
    assertSimon(post("text/plain;charset=UTF-8", "{\"token\":\"" + token + "\"}"));
    assertSimon(post("application/octet-stream", "token=" + token));
    assertSimon(post(null, "token=" + token));
    assertSimon(server.get(query(token), "Content-Type", "application/json"));
  }

  @Test
  void theAnswerIsJsonWhateverTheAcceptHeaderSays() {
    String token = login(server, "simon371", "simon-pass");
    assertSimon(server.get(query(token), "Accept", "application/xml"));
    assertSimon(server.get(query(token), "Accept", "text/html"));
    assertRefused(
        server.get("/connectycube/verify", "Accept", "application/xml"),
        400,
        "Sign-in failed because no token was sent. Please sign in again.");
  }

  @Test
  void anExpiredTokenIs401WithASentenceForPeople() {
    String token = login(server, "simon371", "simon-pass");
    CLOCK.advance(Duration.ofMinutes(61));
    assertRefused(server.get(query(token)), 401, "Your sign-in has expired. Please sign in again.");
  }

  @Test
  void aTokenRevokedByLogoutIs401() {
    String token = login(server, "simon371", "simon-pass");
    assertEquals(
        200,
        server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + token).statusCode());
    assertRefused(server.get(query(token)), 401, "You have signed out. Please sign in again.");
  }

  @Test
  void aMissingTokenIs400() {
    for (HttpResponse<String> res :
        List.of(
            server.get("/connectycube/verify"),
            post("text/plain", ""),
            server.postForm("/connectycube/verify", Map.of("token", "  ")))) {
      assertRefused(res, 400, "Sign-in failed because no token was sent. Please sign in again.");
    }
  }

  @Test
  void garbageAndForgedTokensAre401() {
    String token = login(server, "simon371", "simon-pass");
    String[] parts = token.split("\\.");
    String otherPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"sub\":\"id-admin\",\"sid\":\"x\",\"exp\":9999999999}"
                    .getBytes(StandardCharsets.UTF_8));
    for (String bad :
        List.of(
            "not-a-token",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJpZC1zaW1vbjM3MSJ9.",
            parts[0] + "." + otherPayload + "." + parts[2])) {
      assertRefused(
          server.get(query(bad)), 401, "Your sign-in is not valid. Please sign in again.");
    }
  }

  @Test
  void theOlderUserIdAndAccessTokenPairWorksWhenTheyBelongTogether() {
    String token = login(server, "simon371", "simon-pass");
    assertSimon(
        server.postForm(
            "/connectycube/verify", Map.of("user_id", "id-simon371", "access_token", token)));
    assertRefused(
        server.postForm(
            "/connectycube/verify", Map.of("user_id", "id-other", "access_token", token)),
        401,
        "Your sign-in is not valid. Please sign in again.");
  }

  @Test
  void aUserDisabledSinceTheLoginIs401() {
    server.addUser("leaver", "leaver-pass", Map.of());
    String token = login(server, "leaver", "leaver-pass");
    assertEquals(200, server.get(query(token)).statusCode());
    server.users().update(server.users().findByUsername("leaver").orElseThrow().withDisabled(true));
    assertRefused(
        server.get(query(token)),
        401,
        "This account can no longer sign in. Please contact support.");
  }

  @Test
  void withAnAudienceConfiguredOnlyTokensIssuedForItVerify() {
    String path =
        "/connectycube/verify?login="
            + URLEncoder.encode(login(guarded, "simon371", "simon-pass"), StandardCharsets.UTF_8);
    // Twice: the second time the token's signature is remembered as verified, and still the
    // audience decides.
    for (int i = 0; i < 2; i++) {
      assertRefused(
          guarded.get(path, "X-CC-Secret", SECRET),
          401,
          "Your sign-in is not valid for chat. Please sign in to the app again.");
    }

    HttpResponse<String> other =
        guarded.postForm(
            "/api/login",
            Map.of("username", "simon371", "password", "simon-pass", "audience", "somewhere-else"));
    assertEquals(400, other.statusCode(), other.body());
    assertEquals("invalid_audience", Json.parse(other.body()).get("error").asText());
  }

  /**
   * A token bound to the configured audience, as an app asks for the token it hands to
   * ConnectyCube.
   */
  private static String chatToken(TestServer on) {
    HttpResponse<String> res =
        on.postForm(
            "/api/login",
            Map.of("username", "simon371", "password", "simon-pass", "audience", "chat"));
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).get("token").asText();
  }

  @Test
  void theTokenParameterIsConfigurableAndTheDashboardMaySendASharedSecretHeader() {
    String token = chatToken(guarded);
    String path = "/connectycube/verify?login=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    HttpResponse<String> ok = guarded.get(path, "X-CC-Secret", SECRET);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("id-simon371", Json.parse(ok.body()).get("uid").asText());

    HttpResponse<String> noSecret = guarded.get(path);
    assertEquals(401, noSecret.statusCode());
    assertFalse(
        Json.parse(noSecret.body()).get("error").asText().isEmpty(), "ConnectyCube's shape: error");
    assertEquals(403, guarded.get(path, "X-CC-Secret", "wrong-secret-wrong-secret").statusCode());
  }
}
