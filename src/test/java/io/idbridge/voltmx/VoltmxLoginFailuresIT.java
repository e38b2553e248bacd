package io.idbridge.voltmx;

import static io.idbridge.voltmx.Foundry.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Login-failure tracking through {@code /voltmx/login}, as Foundry's own setting describes it: by
 * client address, by user id, or both counted separately; 429 at the threshold; reset by a success
 * or by the TTL.
 */
class VoltmxLoginFailuresIT {
  private final FakeClock clock = new FakeClock();
  private TestServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * A server that believes X-Forwarded-For from the test client, so each call can come from any
   * address.
   */
  private Foundry start(String... throttle) {
    Map<String, String> props = new HashMap<>(Map.of("http.trustedProxies", "127.0.0.1,::1"));
    for (int i = 0; i < throttle.length; i += 2) {
      props.put(throttle[i], throttle[i + 1]);
    }
    server = TestServer.start(props, clock);
    server.addUser("alice", "alice-pass", Map.of());
    server.addUser("bob", "bob-pass", Map.of());
    return new Foundry(server, Map.of());
  }

  private static HttpResponse<String> login(Foundry f, String user, String password, String ip) {
    return f.login(user, password, "X-Forwarded-For", ip);
  }

  private static void fail(Foundry f, String user, String ip, int times) {
    for (int i = 0; i < times; i++) {
      assertEquals(401, login(f, user, "wrong-" + i, ip).statusCode());
    }
  }

  private static long retryAfter(HttpResponse<String> res) {
    return Long.parseLong(res.headers().firstValue("Retry-After").orElseThrow());
  }

  @Test
  void byAddressTheThresholdBlocksThatAddressForEveryNameEvenWithTheRightPassword() {
    Foundry f = start("throttle.track", "ip", "throttle.threshold", "3");
    fail(f, "alice", "203.0.113.1", 1);
    fail(f, "bob", "203.0.113.1", 1);
    fail(f, "nobody", "203.0.113.1", 1);
    HttpResponse<String> blocked = login(f, "alice", "alice-pass", "203.0.113.1");
    assertError(blocked, 429, "too_many_failures");
    assertEquals(1800, retryAfter(blocked), "the default TTL, 30 minutes from the last failure");
    assertEquals(
        200, login(f, "alice", "alice-pass", "203.0.113.2").statusCode(), "other addresses pass");
  }

  @Test
  void byUserIdTheNameIsBlockedFromEveryAddressAndAnUnknownNameExactlyAlike() {
    Foundry f = start("throttle.track", "user", "throttle.threshold", "3");
    for (String name : new String[] {"alice", "ghost"}) {
      fail(f, name, "203.0.113.1", 1);
      fail(f, name, "203.0.113.2", 1);
      fail(f, name, "203.0.113.3", 1);
    }
    HttpResponse<String> real = login(f, "alice", "alice-pass", "203.0.113.4");
    HttpResponse<String> ghost = login(f, "ghost", "whatever", "203.0.113.5");
    JsonNode realBody = assertError(real, 429, "too_many_failures");
    JsonNode ghostBody = assertError(ghost, 429, "too_many_failures");
    ((ObjectNode) realBody).remove("requestid");
    ((ObjectNode) ghostBody).remove("requestid");
    assertEquals(realBody, ghostBody, "a 429 tells nothing about which accounts exist");
    assertEquals(retryAfter(real), retryAfter(ghost));
    assertError(login(f, "ALICE ", "alice-pass", "203.0.113.6"), 429, "too_many_failures");
    assertEquals(200, login(f, "bob", "bob-pass", "203.0.113.1").statusCode(), "other names pass");
  }

  @Test
  void byAddressAndUserIdTheTwoCountsAreSeparateWithTheirOwnThresholds() {
    Foundry f =
        start(
            "throttle.track", "ip+user", "throttle.threshold", "3", "throttle.userThreshold", "5");
    fail(f, "alice", "203.0.113.1", 3);
    assertError(login(f, "bob", "bob-pass", "203.0.113.1"), 429, "too_many_failures");
    // alice has 3 failures of her 5: a second address still reaches the password check.
    fail(f, "alice", "203.0.113.2", 2);
    assertError(login(f, "alice", "alice-pass", "203.0.113.3"), 429, "too_many_failures");
    assertEquals(
        200, login(f, "bob", "bob-pass", "203.0.113.3").statusCode(), "the address is not blocked");
  }

  @Test
  void aSuccessfulLoginResetsTheCount() {
    Foundry f = start("throttle.track", "ip+user", "throttle.threshold", "3");
    fail(f, "alice", "203.0.113.1", 2);
    assertEquals(200, login(f, "alice", "alice-pass", "203.0.113.1").statusCode());
    fail(f, "alice", "203.0.113.1", 2);
    assertEquals(
        200, login(f, "alice", "alice-pass", "203.0.113.1").statusCode(), "counting began again");
    fail(f, "alice", "203.0.113.1", 3);
    assertError(login(f, "alice", "alice-pass", "203.0.113.1"), 429, "too_many_failures");
  }

  @Test
  void theCountLapsesTheTtlAfterTheLastFailureNotTheFirst() {
    Foundry f =
        start("throttle.track", "ip+user", "throttle.threshold", "3", "throttle.ttl", "10m");
    fail(f, "alice", "203.0.113.1", 2);
    clock.advance(Duration.ofMinutes(9));
    fail(f, "alice", "203.0.113.1", 1);
    HttpResponse<String> blocked = login(f, "alice", "alice-pass", "203.0.113.1");
    assertError(blocked, 429, "too_many_failures");
    assertEquals(600, retryAfter(blocked));
    clock.advance(Duration.ofMinutes(9));
    HttpResponse<String> still = login(f, "alice", "alice-pass", "203.0.113.1");
    assertError(still, 429, "too_many_failures");
    assertEquals(60, retryAfter(still), "a refused attempt does not extend the wait");
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertEquals(200, login(f, "alice", "alice-pass", "203.0.113.1").statusCode());
  }

  @Test
  void behindATrustedProxyTheForwardedClientAddressIsCounted() {
    Foundry f = start("throttle.track", "ip", "throttle.threshold", "2");
    fail(f, "alice", "192.0.2.10, 127.0.0.1", 2);
    assertError(login(f, "alice", "alice-pass", "192.0.2.10"), 429, "too_many_failures");
    assertEquals(200, login(f, "alice", "alice-pass", "192.0.2.11").statusCode());
  }

  @Test
  void fromAnUntrustedPeerXForwardedForIsIgnored() {
    server = TestServer.start(Map.of("throttle.track", "ip", "throttle.threshold", "2"), clock);
    server.addUser("alice", "alice-pass", Map.of());
    Foundry f = new Foundry(server, Map.of());
    fail(f, "alice", "192.0.2.20", 1);
    fail(f, "alice", "192.0.2.21", 1);
    assertError(login(f, "alice", "alice-pass", "192.0.2.22"), 429, "too_many_failures");
  }
}
