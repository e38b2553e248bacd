package io.idbridge.directory.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.Config;
import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.LoginCheck;
import io.idbridge.directory.User;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.SilentServer;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The http directory against a backend login API over real HTTP: success, its errors, down and
 * slow.
 */
class HttpUserDirectoryIT {
  static LoginApiBackend backend;

  @BeforeAll
  static void start() {
    backend = new LoginApiBackend();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  /** The backend's JSON login with its own field names, paths and API key. */
  static Map<String, String> jsonLogin(String loginUrl) {
    Map<String, String> p = new HashMap<>();
    p.put("throttle.track", "none");
    p.put("directory.type", "http");
    p.put("directory.http.loginUrl", loginUrl);
    p.put("directory.http.format", "json");
    p.put("directory.http.usernameField", "login");
    p.put("directory.http.passwordField", "secret");
    p.put("directory.http.userIdPath", "user.id");
    p.put("directory.http.displayNamePath", "/user/name");
    p.put("directory.http.emailPath", "user.email");
    p.put("directory.http.attributesPath", "user.attributes");
    p.put(
        "directory.http.headers", "X-Api-Key: " + LoginApiBackend.API_KEY + ", X-Client: idbridge");
    return p;
  }

  static HttpUserDirectory directory(Map<String, String> props, String... keyValues) {
    Map<String, String> p = new HashMap<>(props);
    p.remove("throttle.track");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return new HttpUserDirectory(Config.read("test", p, Map.of()).directory().http());
  }

  private static HttpResponse<String> login(TestServer server, String username, String password) {
    return server.postForm("/api/login", Map.of("username", username, "password", password));
  }

  @Test
  void theBackendsLoginIsALoginThroughApiLoginWithTheMappedUser() {
    try (TestServer server = TestServer.start(jsonLogin(backend.url("/login")), new FakeClock())) {
      HttpResponse<String> res = login(server, "alice", "alice-pw");
      assertEquals(200, res.statusCode(), res.body());
      JsonNode user = Json.parse(res.body()).get("user");
      assertEquals("u-1001", user.get("id").asText());
      assertEquals("alice", user.get("username").asText());
      assertEquals("Alice Liddell", user.get("display_name").asText());
      assertEquals("alice@example.org", user.get("email").asText());
    }
    LoginApiBackend.Received sent = backend.last("/login");
    assertEquals("application/json", sent.contentType());
    assertEquals(LoginApiBackend.API_KEY, sent.apiKey());
    assertEquals(Map.of("login", "alice", "secret", "alice-pw"), sent.fields());
  }

  @Test
  void theUsersAttributesComeFromTheConfiguredObject() {
    User alice =
        directory(jsonLogin(backend.url("/login")))
            .authenticate("alice", "alice-pw")
            .user()
            .orElseThrow();
    assertEquals(Map.of("role", "admin", "level", "3"), alice.attributes());
    assertEquals("", alice.passwordHash());
  }

  @Test
  void formLoginsSendTheDefaultFieldsFormEncoded() {
    HttpUserDirectory dir =
        directory(
            jsonLogin(backend.url("/login")),
            "directory.http.format",
            "form",
            "directory.http.usernameField",
            "",
            "directory.http.passwordField",
            "");
    assertTrue(dir.authenticate("alice", "alice-pw").matched());
    LoginApiBackend.Received sent = backend.last("/login");
    assertEquals("application/x-www-form-urlencoded", sent.contentType());
    assertEquals(Map.of("username", "alice", "password", "alice-pw"), sent.fields());
  }

  @Test
  void a401CarriesTheBackendsErrorCodeAndMessageAndApiLoginAnswers401() {
    HttpUserDirectory dir = directory(jsonLogin(backend.url("/login")));
    assertEquals(
        LoginCheck.rejected("E401", "invalid username or password"),
        dir.authenticate("alice", "wrong"));
    assertEquals(
        LoginCheck.rejected("ACCOUNT_LOCKED", "the account is locked"),
        dir.authenticate("locked", "x"));
    try (TestServer server = TestServer.start(jsonLogin(backend.url("/login")), new FakeClock())) {
      HttpResponse<String> res = login(server, "alice", "wrong");
      assertEquals(401, res.statusCode(), res.body());
      assertEquals("invalid_credentials", Json.parse(res.body()).get("error").asText());
    }
  }

  @Test
  void a2xxWithoutAUserIdIsARejectionWithTheBackendsError() {
    assertEquals(
        LoginCheck.rejected("PENDING", "confirm your e-mail first"),
        directory(jsonLogin(backend.url("/login"))).authenticate("pending", "x"));
  }

  @Test
  void aStatusOutsideTheRejectListIsTheBackendFailing() {
    HttpUserDirectory broken = directory(jsonLogin(backend.url("/broken")));
    assertThrows(
        DirectoryUnavailableException.class, () -> broken.authenticate("alice", "alice-pw"));
    HttpUserDirectory notFound = directory(jsonLogin(backend.url("/nothing-here")));
    assertThrows(
        DirectoryUnavailableException.class, () -> notFound.authenticate("alice", "alice-pw"));
    HttpUserDirectory rejecting =
        directory(jsonLogin(backend.url("/login")), "directory.http.rejectStatuses", "400");
    DirectoryUnavailableException e =
        assertThrows(
            DirectoryUnavailableException.class, () -> rejecting.authenticate("alice", "wrong"));
    assertFalse(
        e.getMessage().contains("wrong"), "the password is in no message: " + e.getMessage());
  }

  @Test
  void aBackendThatIsDownGives503AndHealthSaysDown() {
    String down = "http://127.0.0.1:" + SilentServer.closedPort() + "/login";
    try (TestServer server = TestServer.start(jsonLogin(down), new FakeClock())) {
      HttpResponse<String> res = login(server, "alice", "alice-pw");
      assertEquals(503, res.statusCode(), res.body());
      assertEquals(
          "the user directory is unavailable; try again shortly",
          Json.parse(res.body()).get("message").asText());
      assertEquals(
          "DOWN", Json.parse(server.get("/health").body()).get("directory").get("status").asText());
    }
  }

  @Test
  void aBackendSlowerThanTheTimeoutGives503() {
    Map<String, String> slow = jsonLogin(backend.url("/slow"));
    slow.put("directory.http.timeout", "300ms");
    try (TestServer server = TestServer.start(slow, new FakeClock())) {
      assertEquals(503, login(server, "alice", "alice-pw").statusCode());
    }
  }

  @Test
  void aHungBackendGives503() {
    try (SilentServer hung = new SilentServer()) {
      HttpUserDirectory dir =
          directory(
              jsonLogin("http://127.0.0.1:" + hung.port() + "/login"),
              "directory.http.timeout",
              "300ms");
      assertThrows(
          DirectoryUnavailableException.class, () -> dir.authenticate("alice", "alice-pw"));
      assertThrows(DirectoryUnavailableException.class, dir::ping);
    }
  }

  @Test
  void anEmptyPasswordIsNotForwarded() {
    HttpUserDirectory dir =
        directory(jsonLogin(backend.url("/slow")), "directory.http.timeout", "1m");
    assertFalse(dir.authenticate("alice", "").matched());
  }

  @Test
  void ourLogoutIsForwardedWithTheUsersId() {
    Map<String, String> props = jsonLogin(backend.url("/login"));
    props.put("directory.http.logoutUrl", backend.url("/logout"));
    try (TestServer server = TestServer.start(props, new FakeClock())) {
      String token = Json.parse(login(server, "alice", "alice-pw").body()).get("token").asText();
      HttpResponse<String> out =
          server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + token);
      assertEquals(200, out.statusCode(), out.body());
    }
    LoginApiBackend.Received sent = backend.last("/logout");
    assertEquals(Map.of("user_id", "u-1001"), sent.fields());
    assertEquals(LoginApiBackend.API_KEY, sent.apiKey());
  }

  @Test
  void lookupsByIdUseTheUserUrlOrGiveTheBareId() {
    HttpUserDirectory withUrl =
        directory(
            jsonLogin(backend.url("/login")), "directory.http.userUrl", backend.url("/users/{id}"));
    User alice = withUrl.findById("u-1001").orElseThrow();
    assertEquals("Alice Liddell", alice.displayName());
    assertEquals(Map.of("role", "admin", "level", "3"), alice.attributes());
    assertTrue(withUrl.findById("u-9999").isEmpty());
    assertTrue(withUrl.findByUsername("alice").isEmpty());

    User bare = directory(jsonLogin(backend.url("/login"))).findById("u-1001").orElseThrow();
    assertEquals("u-1001", bare.id());
    assertEquals(Map.of(), bare.attributes());
  }
}
