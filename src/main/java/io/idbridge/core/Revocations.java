package io.idbridge.core;

import io.idbridge.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Which sessions are revoked: the shared list in the state store, and what this node learnt of it.
 * A revocation made on this node is known here at once; one made on another node is seen here
 * within {@code state.revocationCacheTtl}, the time an answer "not revoked" is believed without
 * asking the store again (zero: ask on every call). A revocation lasts until the session's expiry,
 * so an answer "revoked" is kept that long.
 */
final class Revocations {
  /** Per answer kept; past it, older answers are dropped and asked for again. */
  private static final int CAPACITY = 10_000;

  private final StateStore state;
  private final Duration ttl;
  private final Clock clock;
  private final ExpiringCache<String, Boolean> revoked;
  private final ExpiringCache<String, Boolean> notRevoked;

  Revocations(StateStore state, Duration ttl, Clock clock) {
    this.state = state;
    this.ttl = ttl;
    this.clock = clock;
    this.revoked = new ExpiringCache<>(CAPACITY, clock);
    this.notRevoked = new ExpiringCache<>(ttl.isZero() ? 0 : CAPACITY, clock);
  }

  /** Whether the session was revoked, on any node; {@code expiresAt} is the session's. */
  boolean isRevoked(String sid, Instant expiresAt) {
    // "revoked" first: a check racing with a revocation here may leave a stale "not revoked".
    if (revoked.get(sid).isPresent()) {
      return true;
    }
    if (notRevoked.get(sid).isPresent()) {
      return false;
    }
    if (state.isMarked(key(sid))) {
      revoked.put(sid, true, expiresAt.toEpochMilli());
      return true;
    }
    notRevoked.put(sid, false, clock.millis() + ttl.toMillis());
    return false;
  }

  /** Ends a session on every node, until its expiry. */
  void revoke(String sid, Instant expiresAt) {
    // Kept only as long as the token could still verify.
    Duration left = Duration.between(clock.instant(), expiresAt);
    state.mark(key(sid), left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left);
    revoked.put(sid, true, expiresAt.toEpochMilli());
    notRevoked.remove(sid);
  }

  private static String key(String sid) {
    return "revoked:" + sid;
  }
}
