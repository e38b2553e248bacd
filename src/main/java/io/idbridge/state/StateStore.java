package io.idbridge.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the nodes of a cluster must agree on: expiring counters, expiring markers and expiring sets.
 *
 * <p>Every operation is atomic on its own (no read-modify-write in callers), so a shared
 * implementation can serve several nodes. An implementation whose backend is down throws {@link
 * StateUnavailableException}.
 */
public interface StateStore extends AutoCloseable {

  /** A counter's value and when it lapses. */
  record Counter(long value, Instant expiresAt) {}

  /**
   * Adds one to a counter and moves its expiry to now + ttl; a lapsed counter starts again from
   * zero.
   */
  Counter increment(String key, Duration ttl);

  /** A live counter, or empty when it is absent or lapsed. */
  Optional<Counter> counter(String key);

  /**
   * The live counters among these keys, in one look-up (a shared store makes one round trip, not
   * one per key).
   */
  Map<String, Counter> counters(List<String> keys);

  /** Removes these counters, in one change. */
  void deleteCounters(List<String> keys);

  /**
   * Sets a marker unless a live one exists; true when this call set it (first use of a one-time
   * code).
   */
  boolean mark(String key, Duration ttl);

  boolean isMarked(String key);

  /** Adds a member to a set with its own expiry (re-adding moves it). */
  void addMember(String set, String member, Instant expiresAt);

  /** The live members of a set, oldest first (by insertion). */
  List<String> members(String set);

  void removeMember(String set, String member);

  /** Throws {@link StateUnavailableException} when the backend cannot be reached. */
  void ping();

  @Override
  default void close() {}
}
