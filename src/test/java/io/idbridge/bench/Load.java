package io.idbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs operations on a fixed number of threads until a count is done or a deadline passes, keeping
 * failures.
 */
final class Load {
  /** One operation; it throws when the answer is not the expected one. */
  interface Operation {
    void run() throws Exception;
  }

  private final int threads;
  private final long deadlineNanos;
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  Load(int threads, long deadlineNanos) {
    this.threads = threads;
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Runs {@code count} operations (fewer at the deadline) and returns the wall time in nanoseconds.
   */
  long run(int count, Operation operation) throws InterruptedException {
    return run(count, operation, deadlineNanos);
  }

  /** Runs operations for about this long (less at the deadline); returns the wall time. */
  long runFor(Duration duration, Operation operation) throws InterruptedException {
    return run(
        Integer.MAX_VALUE,
        operation,
        Math.min(deadlineNanos, System.nanoTime() + duration.toNanos()));
  }

  private long run(int count, Operation operation, long untilNanos) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      pool.execute(
          () -> {
            while (next.getAndIncrement() < count && System.nanoTime() < untilNanos) {
              try {
                operation.run();
              } catch (Exception e) {
                failures.add(e.toString());
              }
            }
          });
    }
    pool.shutdown();
    // Past the deadline only requests already sent remain, and each has its own timeout.
    long left = Math.max(0, deadlineNanos - System.nanoTime()) + TimeUnit.SECONDS.toNanos(60);
    if (!pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
      pool.shutdownNow();
      failures.add("operations still running past the time limit");
    }
    return System.nanoTime() - start;
  }

  boolean pastDeadline() {
    return System.nanoTime() >= deadlineNanos;
  }

  List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }
}
