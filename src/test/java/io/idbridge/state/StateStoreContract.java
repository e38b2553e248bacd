package io.idbridge.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} does, as its interface documents it; each implementation runs these
 * tests.
 */
public abstract class StateStoreContract {
  protected final FakeClock clock = new FakeClock();
  protected StateStore store;

  /** A new, empty store on the given clock. */
  protected abstract StateStore open(FakeClock clock);

  @BeforeEach
  void openStore() {
    store = open(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void aCounterCountsAndLapsesTtlAfterItsLastIncrement() {
    store.increment("c", Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(9));
    assertEquals(2, store.increment("c", Duration.ofMinutes(10)).value());
    clock.advance(Duration.ofMinutes(9));
    assertEquals(
        2, store.counter("c").orElseThrow().value(), "the ttl runs from the last increment");
    clock.advance(Duration.ofMinutes(2));
    assertTrue(store.counter("c").isEmpty());
    assertEquals(
        1, store.increment("c", Duration.ofMinutes(10)).value(), "a lapsed counter starts again");
  }

  @Test
  void anIncrementSaysWhenTheCounterLapses() {
    StateStore.Counter c = store.increment("c", Duration.ofSeconds(90));
    assertEquals(clock.instant().plusSeconds(90), c.expiresAt());
    assertEquals(c, store.counter("c").orElseThrow());
  }

  @Test
  void anUnknownCounterIsEmptyAndCountersAreSeparate() {
    assertTrue(store.counter("never").isEmpty());
    store.increment("a", Duration.ofMinutes(1));
    store.increment("a", Duration.ofMinutes(1));
    assertEquals(1, store.increment("b", Duration.ofMinutes(1)).value());
    assertEquals(1, store.increment("A", Duration.ofMinutes(1)).value(), "keys differ by case");
    assertEquals(
        1, store.increment("a ", Duration.ofMinutes(1)).value(), "keys differ by a trailing space");
  }

  @Test
  void deleteCountersRemovesThoseCountersOnly() {
    store.increment("k", Duration.ofMinutes(1));
    store.increment("j", Duration.ofMinutes(1));
    store.mark("k", Duration.ofMinutes(1));
    store.increment("other", Duration.ofMinutes(1));
    store.deleteCounters(List.of("k", "j", "never-there"));
    assertTrue(store.counter("k").isEmpty());
    assertTrue(store.counter("j").isEmpty());
    assertTrue(store.isMarked("k"), "a marker of the same key stays");
    assertTrue(store.counter("other").isPresent());
    assertEquals(1, store.increment("k", Duration.ofMinutes(1)).value());
  }

  @Test
  void countersReadsTheLiveOnesAmongSeveralKeysAtOnce() {
    StateStore.Counter a = store.increment("a", Duration.ofMinutes(10));
    store.increment("lapsing", Duration.ofMinutes(1));
    String longKey = "fail:user:" + "x".repeat(300);
    StateStore.Counter big = store.increment(longKey, Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(2));
    assertEquals(
        java.util.Map.of("a", a, longKey, big),
        store.counters(List.of("a", "lapsing", longKey, "never")));
    assertEquals(java.util.Map.of(), store.counters(List.of("never")));
  }

  @Test
  void aMarkerIsSetOnceUntilItLapses() {
    assertFalse(store.isMarked("m"));
    assertTrue(store.mark("m", Duration.ofSeconds(30)));
    assertFalse(store.mark("m", Duration.ofSeconds(30)));
    assertTrue(store.isMarked("m"));
    clock.advance(Duration.ofSeconds(31));
    assertFalse(store.isMarked("m"));
    assertTrue(store.mark("m", Duration.ofSeconds(30)));
    assertTrue(store.isMarked("m"));
  }

  @Test
  void aFailedMarkDoesNotExtendTheLiveMarker() {
    store.mark("m", Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(20));
    assertFalse(store.mark("m", Duration.ofSeconds(30)));
    clock.advance(Duration.ofSeconds(11));
    assertFalse(store.isMarked("m"));
  }

  @Test
  void setMembersComeOldestFirstAndLapseOnTheirOwn() {
    store.addMember("s", "a", clock.instant().plusSeconds(10));
    store.addMember("s", "b", clock.instant().plusSeconds(100));
    assertEquals(List.of("a", "b"), store.members("s"));
    clock.advance(Duration.ofSeconds(11));
    assertEquals(List.of("b"), store.members("s"));
    store.removeMember("s", "b");
    assertEquals(List.of(), store.members("s"));
  }

  @Test
  void reAddingAMemberMovesItToTheEndWithItsNewExpiry() {
    Instant later = clock.instant().plusSeconds(100);
    store.addMember("s", "a", clock.instant().plusSeconds(10));
    store.addMember("s", "b", later);
    store.addMember("s", "c", later);
    store.addMember("s", "a", later);
    assertEquals(List.of("b", "c", "a"), store.members("s"));
    clock.advance(Duration.ofSeconds(11));
    assertEquals(List.of("b", "c", "a"), store.members("s"), "the new expiry holds");
  }

  @Test
  void setsAreSeparateAndKeepTheirMembersAsGiven() {
    store.addMember("s1", "sid-\u00e9\u4e2d", clock.instant().plusSeconds(10));
    store.addMember("s2", "x", clock.instant().plusSeconds(10));
    assertEquals(List.of("sid-\u00e9\u4e2d"), store.members("s1"));
    assertEquals(List.of("x"), store.members("s2"));
    assertEquals(List.of(), store.members("unknown"));
    store.removeMember("s1", "not-a-member");
    store.removeMember("unknown", "x");
    assertEquals(List.of("x"), store.members("s2"));
  }

  @Test
  void aLongKeyIsAKeyLikeAnyOther() {
    String longKey = "fail:user:" + "\u00e9".repeat(300);
    String otherLongKey = longKey + "x";
    assertEquals(1, store.increment(longKey, Duration.ofMinutes(1)).value());
    assertEquals(2, store.increment(longKey, Duration.ofMinutes(1)).value());
    assertEquals(1, store.increment(otherLongKey, Duration.ofMinutes(1)).value());
    assertTrue(store.mark(longKey, Duration.ofMinutes(1)));
    assertTrue(store.isMarked(longKey));
    assertFalse(store.isMarked(otherLongKey));
    store.addMember(longKey, "m", clock.instant().plusSeconds(10));
    assertEquals(List.of("m"), store.members(longKey));
  }

  @Test
  void concurrentIncrementsLeaveAnExactCount() throws Exception {
    int threads = 8;
    int each = incrementsPerThread();
    List<Integer> seen =
        concurrently(
            threads,
            () -> {
              List<Integer> values = new ArrayList<>();
              for (int i = 0; i < each; i++) {
                values.add((int) store.increment("n", Duration.ofMinutes(1)).value());
              }
              return values;
            });
    assertEquals(threads * each, store.counter("n").orElseThrow().value());
    assertEquals(
        threads * each, seen.stream().distinct().count(), "every increment saw its own new value");
  }

  @Test
  void ofConcurrentMarksExactlyOneSetsTheMarker() throws Exception {
    AtomicInteger won = new AtomicInteger();
    concurrently(
        8,
        () -> {
          if (store.mark("once", Duration.ofMinutes(1))) {
            won.incrementAndGet();
          }
          return List.<Integer>of();
        });
    assertEquals(1, won.get());
  }

  @Test
  void pingAnswersWhenTheStoreIsUp() {
    store.ping();
  }

  /** Enough to show races, small enough for a shared database. */
  protected int incrementsPerThread() {
    return 25;
  }

  private static List<Integer> concurrently(int threads, Callable<List<Integer>> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Integer>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(task));
      }
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}
