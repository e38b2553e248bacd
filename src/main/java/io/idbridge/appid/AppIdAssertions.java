package io.idbridge.appid;

import io.idbridge.directory.User;
import io.idbridge.jwt.JwsAlgorithm;
import io.idbridge.jwt.Jwt;
import io.idbridge.jwt.KeyRing;
import io.idbridge.jwt.Signer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs the JWT-Bearer assertions (RFC 7523 §3) that IBM App ID exchanges for its tokens, with the
 * current RSA key: App ID verifies them with the public key pasted in its console.
 */
public final class AppIdAssertions {
  private final AppIdConfig config;
  private final KeyRing keys;
  private final Clock clock;

  /**
   * A signed assertion, its lifetime in seconds, and its scopes (space-separated, possibly empty).
   */
  public record Assertion(String jws, long expiresIn, String scope) {
    @Override
    public String toString() {
      return "Assertion[expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
  }

  public AppIdAssertions(AppIdConfig config, KeyRing keys, Clock clock) {
    this.config = config;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * The assertion for a user who has just authenticated, with the configured scopes plus the
   * requested ones.
   */
  public Assertion sign(User user, List<String> requestedScope, Duration ttl) {
    // The key ring is asked each time, so that a rotated key signs at once.
    Signer signer =
        keys.signer(JwsAlgorithm.RS256)
            .orElseThrow(() -> new IllegalStateException("no RS256 key"));
    long now = clock.instant().getEpochSecond();
    String scope = Scopes.join(config.scope(), requestedScope);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", config.issuer());
    claims.put("sub", user.id());
    claims.put("aud", config.audience().orElseThrow());
    // App ID documents only exp; iat and jti make the assertion RFC 7523 §3 friendly (replay
    // detection).
    claims.put("iat", now);
    claims.put("exp", now + ttl.toSeconds());
    claims.put("jti", UUID.randomUUID().toString());
    // The normalized claims, which App ID copies into its identity token.
    putIfPresent(
        claims,
        "name",
        user.displayName().isBlank() ? user.attributes().get("name") : user.displayName());
    putIfPresent(
        claims, "email", user.email().isBlank() ? user.attributes().get("email") : user.email());
    for (String normalized : List.of("locale", "picture", "gender")) {
      putIfPresent(claims, normalized, user.attributes().get(normalized));
    }
    if (!scope.isEmpty()) {
      claims.put("scope", scope);
    }
    for (String custom : config.claims()) {
      putIfPresent(claims, custom, user.attributes().get(custom));
    }
    return new Assertion(
        Jwt.sign(Map.of("typ", config.typ()), claims, signer), ttl.toSeconds(), scope);
  }

  private static void putIfPresent(Map<String, Object> claims, String name, String value) {
    if (value != null && !value.isBlank()) {
      claims.put(name, value);
    }
  }
}
