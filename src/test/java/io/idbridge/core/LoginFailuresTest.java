package io.idbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.state.MemoryStateStore;
import io.idbridge.state.StateStore;
import io.idbridge.testing.CountingStateStore;
import io.idbridge.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Login-failure tracking without a server: thresholds, what is counted, lapse and reset. */
class LoginFailuresTest {
  static final String IP = "192.0.2.1";
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));

  LoginFailures failures(ThrottleConfig.Track track, int ip, int user) {
    return failures(track, ip, user, new MemoryStateStore(clock));
  }

  LoginFailures failures(ThrottleConfig.Track track, int ip, int user, StateStore state) {
    return new LoginFailures(
        new ThrottleConfig(track, ip, user, Duration.ofMinutes(30)), state, clock);
  }

  static void fail(LoginFailures f, String ip, String user, int times) {
    for (int i = 0; i < times; i++) {
      f.failed(ip, user);
    }
  }

  @Test
  void atTheAddressThresholdTheWaitIsTheCountsRemainingLife() {
    LoginFailures f = failures(ThrottleConfig.Track.IP, 3, 100);
    fail(f, IP, "a", 2);
    assertEquals(Optional.empty(), f.retryAfter(IP, "b"));
    f.failed(IP, "c");
    clock.advance(Duration.ofMinutes(10));
    assertEquals(Optional.of(Duration.ofMinutes(20)), f.retryAfter(IP, "d"));
  }

  @Test
  void theNameIsCountedWhateverItsCaseAndAnotherAddressDoesNotHelp() {
    LoginFailures f = failures(ThrottleConfig.Track.USER, 100, 2);
    f.failed(IP, "Alice");
    f.failed("198.51.100.1", " alice ");
    assertTrue(f.retryAfter("203.0.113.5", "ALICE").isPresent());
    assertEquals(Optional.empty(), f.retryAfter(IP, "bob"));
  }

  @Test
  void anUnknownAddressCountsOnlyTheName() {
    LoginFailures f = failures(ThrottleConfig.Track.IP_USER, 1, 2);
    f.failed(null, "carol");
    assertEquals(Optional.empty(), f.retryAfter(null, "dave"), "no address count to share");
    f.failed(null, "carol");
    assertTrue(f.retryAfter(null, "carol").isPresent());
  }

  @Test
  void aCountLapsesAfterItsTtlAndASuccessResetsIt() {
    LoginFailures f = failures(ThrottleConfig.Track.IP_USER, 2, 2);
    fail(f, IP, "erin", 2);
    clock.advance(Duration.ofMinutes(31));
    assertEquals(Optional.empty(), f.retryAfter(IP, "erin"));
    fail(f, IP, "erin", 2);
    f.succeeded(IP, "erin");
    assertEquals(Optional.empty(), f.retryAfter(IP, "erin"));
  }

  @Test
  void nothingIsCountedWithTrackNone() {
    LoginFailures f = failures(ThrottleConfig.Track.NONE, 1, 1);
    fail(f, IP, "frank", 5);
    assertEquals(Optional.empty(), f.retryAfter(IP, "frank"));
  }

  /** Each call is a round trip for a shared store. */
  @Test
  void aSuccessfulLoginReadsBothCountsInOneCallAndResetsThemInAnother() {
    CountingStateStore state = new CountingStateStore(clock);
    LoginFailures f = failures(ThrottleConfig.Track.IP_USER, 5, 5, state);
    assertEquals(Optional.empty(), f.retryAfter(IP, "alice"));
    f.succeeded(IP, "alice");
    assertEquals(List.of("counters", "deleteCounters"), state.takeCalls());
  }

  @Test
  void withoutTrackingALoginCostsTheStoreNothing() {
    CountingStateStore state = new CountingStateStore(clock);
    LoginFailures f = failures(ThrottleConfig.Track.NONE, 5, 5, state);
    f.retryAfter(IP, "alice");
    f.succeeded(IP, "alice");
    assertEquals(List.of(), state.takeCalls());
  }
}
