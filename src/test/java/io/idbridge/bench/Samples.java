package io.idbridge.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Latencies of one kind of operation, added from several threads, summarised as a rate and
 * percentiles.
 */
final class Samples {
  static final String HEADER =
      String.format(
          Locale.ROOT,
          "%-38s %6s %9s %9s %9s %9s %9s",
          "",
          "count",
          "time",
          "rate",
          "p50",
          "p95",
          "p99");

  private final String name;
  private long[] nanos = new long[256];
  private int size;

  Samples(String name) {
    this.name = name;
  }

  <T> T time(Callable<T> operation) throws Exception {
    long start = System.nanoTime();
    T result = operation.call();
    add(System.nanoTime() - start);
    return result;
  }

  private synchronized void add(long elapsed) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = elapsed;
  }

  synchronized int count() {
    return size;
  }

  /** Operations per second over a wall time in which these samples were taken. */
  double rate(long wallNanos) {
    return count() / (wallNanos / 1e9);
  }

  /** The mean, in milliseconds. */
  synchronized double meanMillis() {
    long sum = 0;
    for (int i = 0; i < size; i++) {
      sum += nanos[i];
    }
    return size == 0 ? Double.NaN : sum / 1e6 / size;
  }

  /** The nearest-rank percentile, in milliseconds. */
  synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(p / 100 * size) - 1)] / 1e6;
  }

  /** One line under {@link #HEADER}. */
  String line(long wallNanos) {
    return String.format(
        Locale.ROOT,
        "%-38s %6d %7.1f s %7.1f/s %6.1f ms %6.1f ms %6.1f ms",
        name,
        count(),
        wallNanos / 1e9,
        rate(wallNanos),
        percentileMillis(50),
        percentileMillis(95),
        percentileMillis(99));
  }
}
