package io.idbridge.core;

import io.idbridge.config.ConfigReader;
import io.idbridge.jwt.JwsAlgorithm;
import java.time.Duration;

/**
 * Our own session tokens.
 *
 * @param algorithm ES256 by default: OWASP ASVS 5 disallows PKCS#1 v1.5 signatures and RSA under
 *     3072 bits
 * @param verifiedCache how many verified tokens are remembered, so that a token seen again skips
 *     its signature verify; 0 remembers none
 */
public record TokensConfig(JwsAlgorithm algorithm, String issuer, Duration ttl, int verifiedCache) {

  public static TokensConfig from(ConfigReader r) {
    JwsAlgorithm algorithm = r.choice("tokens.algorithm", JwsAlgorithm.ES256);
    String issuer = r.string("tokens.issuer", "idbridge");
    Duration ttl =
        r.duration("tokens.ttl", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(30));
    int verifiedCache = r.integer("tokens.verifiedCache", 10_000, 0, 1_000_000);
    return new TokensConfig(algorithm, issuer, ttl, verifiedCache);
  }
}
