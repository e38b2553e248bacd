package io.idbridge.password;

/** Told how long each hash waited for its permit and how long it ran: the metrics' hook. */
@FunctionalInterface
public interface HashTiming {
  HashTiming NONE = (format, waitNanos, hashNanos) -> {};

  void record(HashFormat format, long waitNanos, long hashNanos);
}
