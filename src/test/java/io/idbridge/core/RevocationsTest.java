package io.idbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.idbridge.Components;
import io.idbridge.Config;
import io.idbridge.directory.User;
import io.idbridge.state.MemoryStateStore;
import io.idbridge.state.StateStore;
import io.idbridge.testing.CountingStateStore;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestComponents;
import io.idbridge.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' sessions on one shared store: how soon each refuses a session the other revoked. (The
 * same on real databases: the cluster ITs.)
 */
class RevocationsTest {
  @TempDir Path dir;
  final FakeClock clock = new FakeClock();
  final StateStore shared = new MemoryStateStore(clock);
  Components c;

  @BeforeEach
  void build() {
    c = TestComponents.build(dir, clock, Map.of());
  }

  @AfterEach
  void close() {
    c.close();
  }

  Sessions node(Duration revocationCacheTtl) {
    return new Sessions(
        c.tokens(),
        shared,
        c.config().sessions(),
        clock,
        c.directory(),
        revocationCacheTtl,
        LoginListener.NONE);
  }

  static InvalidSessionException.Reason refusal(Sessions node, String token) {
    return assertThrows(InvalidSessionException.class, () -> node.verify(token)).reason();
  }

  String openOn(Sessions node) {
    return node.open(User.of("u1", "alice", "", "", "", Map.of()), "default", Map.of()).token();
  }

  @Test
  void aRevocationOnAnotherNodeIsRefusedHereWithinTheTtl() throws Exception {
    Sessions a = node(Duration.ofSeconds(1));
    Sessions b = node(Duration.ofSeconds(1));
    String token = openOn(a);
    b.verify(token);
    a.verify(token);

    a.revoke(a.verify(token));

    assertEquals(InvalidSessionException.Reason.REVOKED, refusal(a, token), "here, at once");
    assertEquals("u1", b.verify(token).userId(), "the other node: the documented staleness");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(InvalidSessionException.Reason.REVOKED, refusal(b, token), "within the ttl");
  }

  @Test
  void verifiesWithinTheTtlAskTheStoreOnceAndAZeroTtlAsksEveryTime() throws Exception {
    CountingStateStore counting = new CountingStateStore(clock);
    Sessions cached =
        new Sessions(
            c.tokens(),
            counting,
            c.config().sessions(),
            clock,
            c.directory(),
            Duration.ofSeconds(1),
            LoginListener.NONE);
    Sessions strict =
        new Sessions(
            c.tokens(),
            counting,
            c.config().sessions(),
            clock,
            c.directory(),
            Duration.ZERO,
            LoginListener.NONE);
    String token = openOn(cached);
    counting.takeCalls();

    for (int i = 0; i < 3; i++) {
      cached.verify(token);
    }
    assertEquals(List.of("isMarked"), counting.takeCalls());
    clock.advance(Duration.ofSeconds(1));
    cached.verify(token);
    assertEquals(List.of("isMarked"), counting.takeCalls(), "asked again after the ttl");

    for (int i = 0; i < 3; i++) {
      strict.verify(token);
    }
    assertEquals(List.of("isMarked", "isMarked", "isMarked"), counting.takeCalls());
  }

  @Test
  void aTtlOfZeroRefusesARevocationOnAnotherNodeAtOnce() throws Exception {
    Sessions a = node(Duration.ZERO);
    Sessions b = node(Duration.ZERO);
    String token = openOn(a);
    b.verify(token);

    a.revoke(a.verify(token));

    assertEquals(InvalidSessionException.Reason.REVOKED, refusal(b, token));
  }

  @Test
  void aSessionThisNodeEndedByTheConcurrencyPolicyIsRefusedHereAtOnce() throws Exception {
    Map<String, String> props = new HashMap<>(TestServer.CHEAP);
    props.put("sessions.concurrency", "one-across-apps");
    Sessions node =
        new Sessions(
            c.tokens(),
            shared,
            Config.read("test", props, Map.of()).sessions(),
            clock,
            c.directory(),
            Duration.ofSeconds(1),
            LoginListener.NONE);
    String older = openOn(node);
    node.verify(older);

    openOn(node);

    assertEquals(InvalidSessionException.Reason.REVOKED, refusal(node, older));
  }
}
