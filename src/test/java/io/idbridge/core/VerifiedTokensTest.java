package io.idbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.jwt.Jwt;
import io.idbridge.jwt.JwtException;
import io.idbridge.jwt.JwtVerifier;
import io.idbridge.jwt.Signer;
import io.idbridge.jwt.VerifiedClaims;
import io.idbridge.jwt.Verifier;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
  final FakeClock clock = new FakeClock();

  /** Claims as a verify gives them: the cache keeps only such. */
  VerifiedClaims expiringIn(Duration d) throws JwtException {
    String token =
        Jwt.sign(
            Map.of(),
            Map.of("sub", "u1", "exp", clock.instant().plus(d).getEpochSecond()),
            Signer.of("k", TestKeys.EC.getPrivate()));
    return JwtVerifier.builder()
        .key(Verifier.of("k", TestKeys.EC.getPublic()))
        .clock(clock)
        .build()
        .verify(token);
  }

  @Test
  void remembersAVerifiedTokenOfItsTypeOnly() throws JwtException {
    VerifiedTokens cache = new VerifiedTokens(10, clock);
    VerifiedTokens.Digest digest = VerifiedTokens.Digest.of("a.b.c");
    VerifiedClaims claims = expiringIn(Duration.ofMinutes(1));
    cache.put(TokenType.SESSION, digest, claims);

    assertEquals(Optional.of(claims), cache.get(TokenType.SESSION, digest));
    assertEquals(Optional.empty(), cache.get(TokenType.MFA_KEY, digest));
    assertEquals(Optional.empty(), cache.get(TokenType.SESSION, VerifiedTokens.Digest.of("a.b.d")));
  }

  @Test
  void forgetsATokenWhenItsExpiryComes() throws JwtException {
    VerifiedTokens cache = new VerifiedTokens(10, clock);
    VerifiedTokens.Digest digest = VerifiedTokens.Digest.of("a.b.c");
    cache.put(TokenType.SESSION, digest, expiringIn(Duration.ofMinutes(1)));

    clock.advance(Duration.ofMinutes(1));

    assertEquals(Optional.empty(), cache.get(TokenType.SESSION, digest));
    assertEquals(0, cache.size());
  }

  @Test
  void keepsNoTokenAlreadyInItsLeeway() throws JwtException {
    VerifiedTokens cache = new VerifiedTokens(10, clock);
    VerifiedTokens.Digest digest = VerifiedTokens.Digest.of("a.b.c");
    cache.put(TokenType.SESSION, digest, expiringIn(Duration.ofSeconds(-10)));

    assertEquals(Optional.empty(), cache.get(TokenType.SESSION, digest));
  }

  @Test
  void holdsNoMoreThanItsCapacity() throws JwtException {
    VerifiedTokens cache = new VerifiedTokens(64, clock);
    VerifiedClaims claims = expiringIn(Duration.ofHours(1));
    for (int i = 0; i < 1000; i++) {
      cache.put(TokenType.SESSION, VerifiedTokens.Digest.of("token-" + i), claims);
      assertTrue(cache.size() <= 64, "size " + cache.size() + " after " + (i + 1) + " puts");
    }
    VerifiedTokens.Digest last = VerifiedTokens.Digest.of("token-999");
    assertTrue(cache.get(TokenType.SESSION, last).isPresent(), "the newest is kept");
  }
}
