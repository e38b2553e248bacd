package io.idbridge.jwt;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of a token whose signature and registered claims {@link JwtVerifier} checked, read by
 * type: a claim of the wrong JSON type reads as absent, so no caller casts.
 */
public final class VerifiedClaims {
  private final Map<String, Object> claims;

  VerifiedClaims(Map<String, Object> claims) {
    this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  /** {@code sub} (RFC 7519 §4.1.2). */
  public Optional<String> subject() {
    return text("sub");
  }

  /** {@code sid}: the session a token belongs to (OpenID Connect Front-Channel Logout §3). */
  public Optional<String> sessionId() {
    return text("sid");
  }

  /** {@code jti} (RFC 7519 §4.1.7). */
  public Optional<String> tokenId() {
    return text("jti");
  }

  /** {@code aud} (RFC 7519 §4.1.3): one string or an array of them; empty when absent. */
  public List<String> audience() {
    Object aud = claims.get("aud");
    if (aud instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return aud == null ? List.of() : List.of(String.valueOf(aud));
  }

  /** {@code exp} (RFC 7519 §4.1.4), to the second. */
  public Optional<Instant> expiresAt() {
    return time("exp");
  }

  /** {@code iat} (RFC 7519 §4.1.6), to the second. */
  public Optional<Instant> issuedAt() {
    return time("iat");
  }

  /** A claim that is a JSON string. */
  public Optional<String> text(String name) {
    return claims.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** A claim as parsed: String, Long, BigInteger, Double, Boolean, List or Map; null if absent. */
  public Object get(String name) {
    return claims.get(name);
  }

  /** Every claim, unmodifiable. */
  public Map<String, Object> asMap() {
    return claims;
  }

  private Optional<Instant> time(String name) {
    return claims.get(name) instanceof Number n
        ? Optional.of(Instant.ofEpochSecond(n.longValue()))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "VerifiedClaims" + claims.keySet();
  }
}
