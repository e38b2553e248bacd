package io.idbridge.core;

import io.idbridge.jwt.VerifiedClaims;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The claims of tokens that passed every check, by the SHA-256 of the token, each kept no later
 * than its {@code exp}: a token seen again skips the signature verify, which dwarfs an HTTP
 * request. Only successes are kept, so a forged token costs a full verify every time; a revocation
 * is the caller's check, made on every call whatever this says.
 */
final class VerifiedTokens {
  private final ExpiringCache<Digest, Verified> cache;

  /** A SHA-256: equal digests are equal tokens, so the token itself need not be kept. */
  record Digest(long a, long b, long c, long d) {
    static Digest of(String token) {
      ByteBuffer sha = ByteBuffer.wrap(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
      return new Digest(sha.getLong(), sha.getLong(), sha.getLong(), sha.getLong());
    }
  }

  private record Verified(TokenType type, VerifiedClaims claims) {}

  /**
   * @param capacity at most this many tokens; 0 keeps none
   */
  VerifiedTokens(int capacity, Clock clock) {
    this.cache = new ExpiringCache<>(capacity, clock);
  }

  boolean enabled() {
    return cache.enabled();
  }

  /** The claims of a token of this type verified before, unless its {@code exp} has come. */
  Optional<VerifiedClaims> get(TokenType type, Digest digest) {
    return cache.get(digest).filter(v -> v.type() == type).map(Verified::claims);
  }

  /**
   * Keeps the claims of a token that just verified until its {@code exp}; one already in its leeway
   * is not kept, so that every later call decides it afresh.
   */
  void put(TokenType type, Digest digest, VerifiedClaims claims) {
    if (claims.expiresAt().isPresent()) {
      Instant exp = claims.expiresAt().get();
      cache.put(
          digest,
          new Verified(type, claims),
          exp.getEpochSecond() > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : exp.toEpochMilli());
    }
  }

  int size() {
    return cache.size();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
