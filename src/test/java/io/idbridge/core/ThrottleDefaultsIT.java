package io.idbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped throttle settings, over real HTTP: they do not hand an attacker a lockout. */
class ThrottleDefaultsIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    // Only what tells addresses apart: a proxy on loopback. Every throttle.* key is the default.
    server = TestServer.start(Map.of("http.trustedProxies", "127.0.0.1"), new FakeClock());
    server.addUser("victim", "victim-pass", Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> login(String password, String address) {
    return server.postForm(
        "/api/login",
        Map.of("username", "victim", "password", password),
        "X-Forwarded-For",
        address);
  }

  @Test
  void oneAddressCannotLockOutAUserWhoLogsInFromAnother() {
    int threshold = server.config().throttle().ipThreshold();
    for (int i = 0; i < threshold; i++) {
      assertEquals(401, login("guess-" + i, "203.0.113.66").statusCode());
    }
    assertEquals(429, login("guess-more", "203.0.113.66").statusCode(), "the attacker is stopped");
    HttpResponse<String> owner = login("victim-pass", "198.51.100.20");
    assertEquals(200, owner.statusCode(), owner.body());
  }
}
