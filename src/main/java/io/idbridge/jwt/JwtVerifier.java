package io.idbridge.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies compact JWTs against a fixed set of keys; each key, never the token, decides the
 * algorithm. Checks run in this order, the first failure deciding the {@link JwtException.Reason}:
 * three base64url parts → header JSON → {@code alg} present and not {@code none} → no {@code crit}
 * → {@code kid} → the key's algorithm equals {@code alg} → signature → {@code exp}, {@code nbf},
 * {@code iat} (with leeway) → {@code iss} → {@code aud} → {@code typ}.
 */
public final class JwtVerifier {
  private final List<Verifier> keys;
  private final Map<String, Verifier> byKid;
  private final String issuer;
  private final String audience;
  private final String type;
  private final Clock clock;
  private final Duration leeway;
  private final boolean requireExpiry;

  private JwtVerifier(Builder builder) {
    this.keys = List.copyOf(builder.keys);
    if (keys.isEmpty()) {
      throw new IllegalStateException("no verification keys");
    }
    Map<String, Verifier> index = new HashMap<>();
    for (Verifier key : keys) {
      if (key.keyId() == null) {
        if (keys.size() > 1) {
          throw new IllegalStateException("with several keys, each needs a kid");
        }
      } else if (index.put(key.keyId(), key) != null) {
        throw new IllegalStateException("two keys share a kid");
      }
    }
    this.byKid = Map.copyOf(index);
    this.issuer = builder.issuer;
    this.audience = builder.audience;
    this.type = builder.type;
    this.clock = builder.clock;
    this.leeway = builder.leeway;
    this.requireExpiry = builder.requireExpiry;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The token's claims, if every check passes. JSON values map to String, Long (integers;
   * BigInteger beyond Long), Double, Boolean, List and Map.
   */
  public VerifiedClaims verify(String token) throws JwtException {
    CompactJws jws = CompactJws.parse(token);
    Verifier key = keyFor(jws.header());
    if (!key.verify(jws.signingInput(), jws.signature())) {
      throw new JwtException(JwtException.Reason.BAD_SIGNATURE, "signature does not verify");
    }
    // RFC 7519 §7.2 step 10: the payload of a JWT is a JSON object of claims.
    Map<String, Object> claims = Json.readObject(jws.payload(), "payload");
    ClaimChecks.checkTimes(claims, clock.instant(), leeway, requireExpiry);
    ClaimChecks.checkIssuer(claims, issuer);
    ClaimChecks.checkAudience(claims, audience);
    checkType(jws.header());
    return new VerifiedClaims(claims);
  }

  private Verifier keyFor(Map<String, Object> header) throws JwtException {
    if (!(header.get("alg") instanceof String alg) || alg.isEmpty()) {
      throw new JwtException(JwtException.Reason.MALFORMED, "header has no alg (RFC 7515 §4.1.1)");
    }
    // RFC 7518 §3.6: an Unsecured JWS is only for contexts secured otherwise; never here, any case.
    if (alg.equalsIgnoreCase("none")) {
      throw new JwtException(JwtException.Reason.ALG_NONE, "unsecured JWS (alg none) refused");
    }
    // RFC 7515 §4.1.11: a JWS listing extensions the recipient does not understand is invalid,
    // and we understand none.
    if (header.containsKey("crit")) {
      throw new JwtException(
          JwtException.Reason.MALFORMED, "crit header: no extensions are supported");
    }
    Verifier key = keyById(header);
    Optional<JwsAlgorithm> named = JwsAlgorithm.fromName(alg);
    if (named.isEmpty()) {
      throw new JwtException(
          JwtException.Reason.UNSUPPORTED_ALGORITHM,
          "alg is not one this key uses (" + key.algorithm() + ")");
    }
    if (named.get() != key.algorithm()) {
      throw new JwtException(
          JwtException.Reason.ALGORITHM_MISMATCH,
          "alg differs from the key's algorithm " + key.algorithm());
    }
    return key;
  }

  private Verifier keyById(Map<String, Object> header) throws JwtException {
    if (!header.containsKey("kid")) {
      if (keys.size() == 1) {
        return keys.get(0);
      }
      throw new JwtException(
          JwtException.Reason.MISSING_KEY_ID,
          "no kid, and " + keys.size() + " keys could have signed");
    }
    if (!(header.get("kid") instanceof String kid)) {
      throw new JwtException(
          JwtException.Reason.MALFORMED, "kid is not a string (RFC 7515 §4.1.4)");
    }
    Verifier key = byKid.get(kid);
    if (key != null) {
      return key;
    }
    // A single key configured without a kid (e.g. a platform's public key) answers to any kid.
    if (keys.size() == 1 && keys.get(0).keyId() == null) {
      return keys.get(0);
    }
    throw new JwtException(JwtException.Reason.UNKNOWN_KEY, "kid names no key we know");
  }

  private void checkType(Map<String, Object> header) throws JwtException {
    if (type == null) {
      return;
    }
    Object typ = header.get("typ");
    if (typ != null && !(typ instanceof String)) {
      throw new JwtException(
          JwtException.Reason.MALFORMED, "typ is not a string (RFC 7515 §4.1.9)");
    }
    if (typ == null || !ClaimChecks.sameMediaType(type, (String) typ)) {
      throw new JwtException(JwtException.Reason.WRONG_TYPE, "typ is not " + type);
    }
  }

  /**
   * Collects the keys and expectations; the defaults are the system clock, 30 s leeway, exp
   * required.
   */
  public static final class Builder {
    private final List<Verifier> keys = new ArrayList<>();
    private String issuer;
    private String audience;
    private String type;
    private Clock clock = Clock.systemUTC();
    private Duration leeway = Duration.ofSeconds(30);
    private boolean requireExpiry = true;

    private Builder() {}

    public Builder key(Verifier key) {
      keys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    public Builder keys(Collection<? extends Verifier> keys) {
      keys.forEach(this::key);
      return this;
    }

    /** The exact {@code iss} required (RFC 7519 §4.1.1: case-sensitive); null accepts any. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** A value {@code aud} must be or contain (RFC 7519 §4.1.3); null accepts any. */
    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    /**
     * The header {@code typ} required, compared as a media type (RFC 7515 §4.1.9); null accepts
     * any.
     */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Clock skew allowed on {@code exp}, {@code nbf} and {@code iat} (RFC 7519 §4.1.4: "a few
     * minutes").
     */
    public Builder leeway(Duration leeway) {
      if (leeway.isNegative()) {
        throw new IllegalArgumentException("leeway must not be negative");
      }
      this.leeway = leeway;
      return this;
    }

    public Builder requireExpiry(boolean requireExpiry) {
      this.requireExpiry = requireExpiry;
      return this;
    }

    /**
     * @throws IllegalStateException without keys, or with several keys that lack distinct kids
     */
    public JwtVerifier build() {
      return new JwtVerifier(this);
    }
  }
}
