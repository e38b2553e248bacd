package io.idbridge.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryStateStoreTest {
  final FakeClock clock = new FakeClock();
  final MemoryStateStore store = new MemoryStateStore(clock);

  @Test
  void aCounterCountsAndLapsesTtlAfterItsLastIncrement() {
    store.increment("c", Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(9));
    assertEquals(2, store.increment("c", Duration.ofMinutes(10)).value());
    clock.advance(Duration.ofMinutes(9));
    assertEquals(2, store.counter("c").orElseThrow().value(), "the ttl runs from the last increment");
    clock.advance(Duration.ofMinutes(2));
    assertTrue(store.counter("c").isEmpty());
    assertEquals(1, store.increment("c", Duration.ofMinutes(10)).value(), "a lapsed counter starts again");
  }

  @Test
  void aMarkerIsSetOnceUntilItLapses() {
    assertTrue(store.mark("m", Duration.ofSeconds(30)));
    assertFalse(store.mark("m", Duration.ofSeconds(30)));
    assertTrue(store.isMarked("m"));
    clock.advance(Duration.ofSeconds(31));
    assertFalse(store.isMarked("m"));
    assertTrue(store.mark("m", Duration.ofSeconds(30)));
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
  void concurrentIncrementsLeaveAnExactCount() throws Exception {
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 1000; i++) {
          store.increment("n", Duration.ofMinutes(1));
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(8000, store.counter("n").orElseThrow().value());
  }
}
