package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashPermitsTest {

  // Threads of their own: the common pool may have a single thread, which a held hash would block.
  private static final ExecutorService THREADS = Executors.newCachedThreadPool();

  @Test
  void admitsByMemoryWhenCountWouldAllowMore() throws Exception {
    // Ten permits but memory for two 100 MiB hashes: the third waits for one to finish.
    HashPermits permits = new HashPermits(10, 200 * 1024, 10);
    Held first = hold(permits, 100 * 1024);
    Held second = hold(permits, 100 * 1024);
    first.awaitRunning();
    second.awaitRunning();

    Held third = hold(permits, 100 * 1024);
    awaitWaiting(permits, 1);
    assertEquals(2, permits.running());

    first.finish();
    third.awaitRunning();
    assertEquals(2, permits.running());
    second.finish();
    third.finish();
    assertEquals(0, permits.running());
  }

  @Test
  void aLargeHashWaitingIsNotOvertakenBySmallOnes() throws Exception {
    HashPermits permits = new HashPermits(10, 100, 10);
    Held small = hold(permits, 60);
    small.awaitRunning();
    List<String> order = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> large =
        CompletableFuture.runAsync(() -> permits.run(100, () -> order.add("large")), THREADS);
    awaitWaiting(permits, 1);
    // 30 KiB would fit beside the 60 running, but the large hash came first.
    CompletableFuture<Void> later =
        CompletableFuture.runAsync(() -> permits.run(30, () -> order.add("later")), THREADS);
    awaitWaiting(permits, 2);

    small.finish();
    large.get(10, TimeUnit.SECONDS);
    later.get(10, TimeUnit.SECONDS);
    assertEquals(List.of("large", "later"), order);
  }

  @Test
  void refusesAtOnceBeyondTheWaitingBound() throws Exception {
    HashPermits permits = new HashPermits(1, 100, 1);
    Held running = hold(permits, 10);
    running.awaitRunning();
    Held waiting = hold(permits, 10);
    awaitWaiting(permits, 1);

    assertThrows(HashingBusyException.class, () -> permits.run(10, () -> "never"));
    assertEquals(1, permits.waiting(), "a refused hash does not join the queue");

    running.finish();
    waiting.awaitRunning();
    waiting.finish();
  }

  @Test
  void noWaitingAtAllWhenTheBoundIsZero() throws Exception {
    HashPermits permits = new HashPermits(1, 100, 0);
    Held running = hold(permits, 10);
    running.awaitRunning();

    assertThrows(HashingBusyException.class, () -> permits.run(10, () -> "never"));
    running.finish();
    assertEquals("now", permits.run(10, () -> "now").orElseThrow());
  }

  @Test
  void anInterruptedWaiterLeavesTheQueueAndFailsClosed() throws Exception {
    HashPermits permits = new HashPermits(1, 100, 10);
    Held running = hold(permits, 10);
    running.awaitRunning();
    CompletableFuture<Thread> waiterThread = new CompletableFuture<>();
    CompletableFuture<Boolean> interrupted =
        CompletableFuture.supplyAsync(
            () -> {
              waiterThread.complete(Thread.currentThread());
              boolean admitted = permits.run(10, () -> "work").isPresent();
              return !admitted && Thread.currentThread().isInterrupted();
            },
            THREADS);
    awaitWaiting(permits, 1);

    waiterThread.get().interrupt();
    assertTrue(interrupted.get(10, TimeUnit.SECONDS));
    assertEquals(0, permits.waiting());
    running.finish();
    assertTrue(permits.run(10, () -> "next").isPresent(), "nothing is left blocking the queue");
  }

  @Test
  void knowsWhatCanNeverBeAdmitted() {
    HashPermits permits = new HashPermits(4, 100 * 1024, 4);

    assertTrue(permits.canEverAdmit(100 * 1024));
    assertFalse(permits.canEverAdmit(100 * 1024 + 1));
  }

  @Test
  void releasesThePermitWhenTheWorkThrows() {
    HashPermits permits = new HashPermits(1, 100, 0);

    assertThrows(
        IllegalStateException.class,
        () ->
            permits.run(
                100,
                () -> {
                  throw new IllegalStateException("malloc refused");
                }));
    assertEquals(0, permits.running());
    assertTrue(permits.run(100, () -> "again").isPresent());
  }

  /** A hash that runs, once admitted, until the test finishes it. */
  private static Held hold(HashPermits permits, long kib) {
    return new Held(permits, kib);
  }

  private static final class Held {
    private final CountDownLatch admitted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> done;

    Held(HashPermits permits, long kib) {
      done =
          CompletableFuture.runAsync(
              () ->
                  permits.run(
                      kib,
                      () -> {
                        admitted.countDown();
                        try {
                          return release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          throw new IllegalStateException(e);
                        }
                      }),
              THREADS);
    }

    void awaitRunning() throws InterruptedException {
      assertTrue(admitted.await(10, TimeUnit.SECONDS), "the hash should have been admitted");
    }

    void finish() throws Exception {
      release.countDown();
      done.get(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitWaiting(HashPermits permits, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (permits.waiting() < count && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(count, permits.waiting(), "hashes waiting");
  }
}
