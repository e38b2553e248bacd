package io.idbridge.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.function.Supplier;

/**
 * Times one backend's calls by operation, and counts the ones that fail by kind: {@code
 * unavailable} (the backend did not answer, a 503) or {@code other}.
 */
final class Timer {
  private final Histogram calls;
  private final Counter errors;
  private final Class<? extends RuntimeException> unavailable;

  Timer(Histogram calls, Counter errors, Class<? extends RuntimeException> unavailable) {
    this.calls = calls;
    this.errors = errors;
    this.unavailable = unavailable;
  }

  <T> T time(String operation, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } catch (RuntimeException e) {
      errors.labelValues(operation, unavailable.isInstance(e) ? "unavailable" : "other").inc();
      throw e;
    } finally {
      calls.labelValues(operation).observe((System.nanoTime() - start) / 1e9);
    }
  }

  void run(String operation, Runnable call) {
    time(
        operation,
        () -> {
          call.run();
          return null;
        });
  }
}
