package io.idbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.idbridge.directory.User;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestComponents;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The concurrent-login policy's decisions, without a server. */
class SessionsTest {
  static final User ANN = User.of("id-ann", "ann", "", "", "", Map.of());

  @TempDir Path dir;
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));

  Sessions sessions(String concurrency, String onLimit) {
    return TestComponents.build(
            dir, clock, Map.of("sessions.concurrency", concurrency, "sessions.onLimit", onLimit))
        .sessions();
  }

  static InvalidSessionException.Reason refusal(Sessions s, String token) {
    return assertThrows(InvalidSessionException.class, () -> s.verify(token)).reason();
  }

  @Test
  void unlimitedKeepsEverySession() throws Exception {
    Sessions s = sessions("unlimited", "reject");
    Sessions.Session first = s.open(ANN, "app", Map.of());
    s.open(ANN, "app", Map.of());
    assertEquals("id-ann", s.verify(first.token()).userId());
  }

  @Test
  void revokeOldestEndsTheOlderSessionOfTheSameApp() throws Exception {
    Sessions s = sessions("one-per-app", "revoke-oldest");
    Sessions.Session first = s.open(ANN, "app", Map.of());
    Sessions.Session other = s.open(ANN, "other", Map.of());
    Sessions.Session second = s.open(ANN, "app", Map.of());
    assertEquals(InvalidSessionException.Reason.REVOKED, refusal(s, first.token()));
    assertEquals("other", s.verify(other.token()).app(), "another app is not counted");
    assertEquals(second.sid(), s.verify(second.token()).sid());
  }

  @Test
  void rejectRefusesASecondSessionAcrossAppsUntilTheFirstEnds() throws Exception {
    Sessions s = sessions("one-across-apps", "reject");
    Sessions.Session first = s.open(ANN, "app", Map.of());
    assertThrows(SessionLimitException.class, () -> s.open(ANN, "other", Map.of()));
    s.revoke(s.verify(first.token()));
    s.open(ANN, "other", Map.of());
  }

  @Test
  void aRefusedSessionLeavesNoTraceThatWouldBlockTheNextLogin() throws Exception {
    Sessions s = sessions("one-across-apps", "reject");
    Sessions.Session first = s.open(ANN, "app", Map.of());
    assertThrows(SessionLimitException.class, () -> s.open(ANN, "app", Map.of()));
    s.logout(first.token());
    s.open(ANN, "app", Map.of());
  }
}
