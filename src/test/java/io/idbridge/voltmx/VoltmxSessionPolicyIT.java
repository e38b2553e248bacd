package io.idbridge.voltmx;

import static io.idbridge.voltmx.Foundry.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The concurrent-login policy through {@code /voltmx/login}, with Foundry's three choices and both
 * answers at the limit; the app is the app key header ({@code X-VoltMX-App-Key}, {@code
 * X-Kony-App-Key}), a configured form field, or {@code default}.
 */
class VoltmxSessionPolicyIT {
  private TestServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  private Foundry start(String... settings) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < settings.length; i += 2) {
      props.put(settings[i], settings[i + 1]);
    }
    server = TestServer.start(props, new FakeClock());
    server.addUser("alice", "alice-pass", Map.of());
    return new Foundry(server, Map.of());
  }

  private static String login(Foundry f, String... headers) {
    return f.sessionToken("alice", "alice-pass", headers);
  }

  private static void assertLive(Foundry f, String token) {
    assertEquals(200, f.logout(token).statusCode(), "the session was live");
  }

  private static void assertRevoked(Foundry f, String token) {
    assertError(f.logout(token), 401, "invalid_session");
  }

  @Test
  void unlimitedKeepsEverySession() {
    Foundry f = start("sessions.concurrency", "unlimited");
    String first = login(f, "X-VoltMX-App-Key", "app-a");
    String second = login(f, "X-VoltMX-App-Key", "app-a");
    String third = login(f);
    assertLive(f, first);
    assertLive(f, second);
    assertLive(f, third);
  }

  @Test
  void onePerAppRevokingTheOldestEndsTheOlderSessionOfTheSameAppOnly() {
    Foundry f = start("sessions.concurrency", "one-per-app", "sessions.onLimit", "revoke-oldest");
    String older = login(f, "X-VoltMX-App-Key", "app-a");
    String otherApp = login(f, "X-VoltMX-App-Key", "app-b");
    String newer = login(f, "X-Kony-App-Key", "app-a");
    assertRevoked(f, older);
    assertLive(f, newer);
    assertLive(f, otherApp);
  }

  @Test
  void onePerAppRejectingRefusesASecondLoginToTheSameAppUntilLogout() {
    Foundry f = start("sessions.concurrency", "one-per-app", "sessions.onLimit", "reject");
    String first = login(f, "X-Kony-App-Key", "app-a");
    HttpResponse<String> refused = f.login("alice", "alice-pass", "X-VoltMX-App-Key", "app-a");
    assertError(refused, 409, "session_limit");
    String otherApp = login(f, "X-VoltMX-App-Key", "app-b");
    assertLive(f, first);
    String again = login(f, "X-VoltMX-App-Key", "app-a");
    assertLive(f, again);
    assertLive(f, otherApp);
  }

  @Test
  void oneAcrossAppsRevokingTheOldestEndsTheSessionOfAnyApp() {
    Foundry f =
        start("sessions.concurrency", "one-across-apps", "sessions.onLimit", "revoke-oldest");
    String older = login(f, "X-VoltMX-App-Key", "app-a");
    String newer = login(f, "X-VoltMX-App-Key", "app-b");
    assertRevoked(f, older);
    assertLive(f, newer);
  }

  @Test
  void oneAcrossAppsRejectingRefusesALoginToAnyOtherApp() {
    Foundry f = start("sessions.concurrency", "one-across-apps", "sessions.onLimit", "reject");
    String first = login(f, "X-VoltMX-App-Key", "app-a");
    assertError(f.login("alice", "alice-pass", "X-VoltMX-App-Key", "app-b"), 409, "session_limit");
    assertLive(f, first);
    assertLive(f, login(f, "X-VoltMX-App-Key", "app-b"));
  }

  @Test
  void withoutAnAppKeyTheAppIsDefault() {
    Foundry f = start("sessions.concurrency", "one-per-app", "sessions.onLimit", "reject");
    String first = login(f);
    assertError(f.login("alice", "alice-pass"), 409, "session_limit");
    assertError(
        f.login("alice", "alice-pass", "X-VoltMX-App-Key", "default"), 409, "session_limit");
    assertLive(f, first);
  }

  @Test
  void aConfiguredFormFieldNamesTheAppWhenNoHeaderDoes() {
    Foundry f =
        start(
            "sessions.concurrency",
            "one-per-app",
            "sessions.onLimit",
            "reject",
            "voltmx.login.appField",
            "app_id");
    HttpResponse<String> a =
        f.post(
            "/voltmx/login",
            Map.of("userid", "alice", "password", "alice-pass", "app_id", "app-a"));
    assertEquals(200, a.statusCode(), a.body());
    HttpResponse<String> b =
        f.post(
            "/voltmx/login",
            Map.of("userid", "alice", "password", "alice-pass", "app_id", "app-b"));
    assertEquals(200, b.statusCode(), b.body());
    HttpResponse<String> headerWins =
        f.post(
            "/voltmx/login",
            Map.of("userid", "alice", "password", "alice-pass", "app_id", "app-c"),
            "X-Kony-App-Key",
            "app-a");
    assertError(headerWins, 409, "session_limit");
    assertLive(f, Json.parse(a.body()).at("/security_attributes/session_token").asText());
  }
}
