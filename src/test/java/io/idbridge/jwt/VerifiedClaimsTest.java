package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The typed view of verified claims: a claim of the wrong JSON type reads as absent. */
class VerifiedClaimsTest {

  @Test
  void registeredClaimsReadByType() {
    VerifiedClaims c =
        new VerifiedClaims(
            Map.of("sub", "u1", "sid", "s1", "jti", "j1", "exp", 1_700_000_000L, "iat", 1L));
    assertEquals(Optional.of("u1"), c.subject());
    assertEquals(Optional.of("s1"), c.sessionId());
    assertEquals(Optional.of("j1"), c.tokenId());
    assertEquals(Optional.of(Instant.ofEpochSecond(1_700_000_000L)), c.expiresAt());
    assertEquals(Optional.of(Instant.ofEpochSecond(1)), c.issuedAt());
  }

  @Test
  void aClaimOfTheWrongTypeIsAbsent() {
    VerifiedClaims c = new VerifiedClaims(Map.of("sub", 42L, "exp", "tomorrow"));
    assertEquals(Optional.empty(), c.subject());
    assertEquals(Optional.empty(), c.expiresAt());
    assertEquals(42L, c.get("sub"));
  }

  @Test
  void theAudienceIsOneStringOrAnArray() {
    assertEquals(List.of("a"), new VerifiedClaims(Map.of("aud", "a")).audience());
    assertEquals(
        List.of("a", "b"), new VerifiedClaims(Map.of("aud", List.of("a", "b"))).audience());
    assertEquals(List.of(), new VerifiedClaims(Map.of()).audience());
  }
}
