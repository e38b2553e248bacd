package io.idbridge.core;

import io.idbridge.jwt.VerifiedClaims;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claims of tokens that passed every check, by the SHA-256 of the token, each kept no later
 * than its {@code exp}: a token seen again skips the signature verify, which dwarfs an HTTP
 * request. Only successes are kept, so a forged token costs a full verify every time; a revocation
 * is the caller's check, made on every call whatever this says.
 */
final class VerifiedTokens {
  private final int capacity;
  private final Clock clock;
  private final Map<Digest, Entry> entries = new ConcurrentHashMap<>();

  /** A SHA-256: equal digests are equal tokens, so the token itself need not be kept. */
  record Digest(long a, long b, long c, long d) {
    static Digest of(String token) {
      ByteBuffer sha = ByteBuffer.wrap(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
      return new Digest(sha.getLong(), sha.getLong(), sha.getLong(), sha.getLong());
    }
  }

  private record Entry(TokenType type, VerifiedClaims claims, long expiresAtMillis) {}

  /**
   * @param capacity at most this many tokens; 0 keeps none
   */
  VerifiedTokens(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  boolean enabled() {
    return capacity > 0;
  }

  /** The claims of a token of this type verified before, unless its {@code exp} has come. */
  Optional<VerifiedClaims> get(TokenType type, Digest digest) {
    Entry e = entries.get(digest);
    if (e == null || e.type() != type) {
      return Optional.empty();
    }
    if (clock.millis() >= e.expiresAtMillis()) {
      entries.remove(digest, e);
      return Optional.empty();
    }
    return Optional.of(e.claims());
  }

  /**
   * Keeps the claims of a token that just verified until its {@code exp}; one already in its leeway
   * is not kept, so that every later call decides it afresh.
   */
  void put(TokenType type, Digest digest, VerifiedClaims claims) {
    if (claims.expiresAt().isEmpty()) {
      return;
    }
    Instant exp = claims.expiresAt().get();
    long expires =
        exp.getEpochSecond() > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : exp.toEpochMilli();
    long now = clock.millis();
    if (now >= expires) {
      return;
    }
    if (entries.size() >= capacity) {
      makeRoom(now);
    }
    entries.put(digest, new Entry(type, claims, expires));
  }

  /**
   * Drops the lapsed entries, then arbitrary ones down to 7/8 of the capacity, so that the next
   * puts find room without another sweep.
   */
  private void makeRoom(long now) {
    entries.values().removeIf(e -> now >= e.expiresAtMillis());
    int excess = entries.size() - capacity + Math.max(1, capacity / 8);
    Iterator<Digest> it = entries.keySet().iterator();
    while (excess-- > 0 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  int size() {
    return entries.size();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
