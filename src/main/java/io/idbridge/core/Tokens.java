package io.idbridge.core;

import io.idbridge.jwt.Jwt;
import io.idbridge.jwt.JwtException;
import io.idbridge.jwt.JwtVerifier;
import io.idbridge.jwt.KeyRing;
import io.idbridge.jwt.Signer;
import io.idbridge.jwt.VerifiedClaims;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs and verifies the tokens idbridge issues to itself and its clients. Each kind of token has
 * its own {@code typ} (RFC 8725 §3.11, explicit typing), so that a token of one kind is never
 * accepted as another.
 */
public final class Tokens {
  private final KeyRing keys;
  private final TokensConfig config;
  private final Clock clock;
  private volatile Verifiers verifiers;

  /**
   * The verifiers of one reading of the key ring, by token type, and the tokens they verified: a
   * key removed from the ring takes its tokens out of the cache with it.
   */
  private record Verifiers(
      long generation, Map<TokenType, JwtVerifier> byType, VerifiedTokens verified) {}

  public Tokens(KeyRing keys, TokensConfig config, Clock clock) {
    this.keys = keys;
    this.config = config;
    this.clock = clock;
    this.verifiers = build(keys.generation());
  }

  private Verifiers build(long generation) {
    Map<TokenType, JwtVerifier> byType = new EnumMap<>(TokenType.class);
    for (TokenType type : TokenType.values()) {
      byType.put(
          type,
          JwtVerifier.builder()
              .keys(keys.verifiers())
              .issuer(config.issuer())
              .type(type.typ())
              .clock(clock)
              .build());
    }
    return new Verifiers(generation, byType, new VerifiedTokens(config.verifiedCache(), clock));
  }

  /** The verifiers, rebuilt when the key ring was re-read (a key rotated in or removed). */
  private Verifiers verifiers() {
    long generation = keys.generation();
    Verifiers current = verifiers;
    if (current.generation() != generation) {
      current = build(generation);
      verifiers = current;
    }
    return current;
  }

  /** Signs claims with our issuer, {@code iat}, {@code exp} and a fresh {@code jti}. */
  public String sign(TokenType type, Map<String, Object> claims, Duration ttl) {
    Signer signer =
        keys.signer(config.algorithm())
            .orElseThrow(
                () -> new IllegalStateException("no " + config.algorithm() + " signing key"));
    long now = clock.instant().getEpochSecond();
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("iss", config.issuer());
    all.putAll(claims);
    all.put("iat", now);
    all.put("exp", now + ttl.toSeconds());
    all.putIfAbsent("jti", UUID.randomUUID().toString());
    return Jwt.sign(Map.of("typ", type.typ()), all, signer);
  }

  /**
   * The claims of a valid token of this type from our issuer; any other token fails with its
   * reason.
   */
  public VerifiedClaims verify(TokenType type, String token) throws JwtException {
    Verifiers current = verifiers();
    JwtVerifier verifier = current.byType().get(type);
    if (token == null || !current.verified().enabled()) {
      return verifier.verify(token);
    }
    VerifiedTokens.Digest digest = VerifiedTokens.Digest.of(token);
    Optional<VerifiedClaims> known = current.verified().get(type, digest);
    if (known.isPresent()) {
      return known.get();
    }
    VerifiedClaims claims = verifier.verify(token);
    current.verified().put(type, digest, claims);
    return claims;
  }

  public TokensConfig config() {
    return config;
  }
}
