package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final long T = NOW.getEpochSecond();
  private static final RsaSigner RSA = new RsaSigner("rsa-1", TestKeys.rsaPrivate(TestKeys.RSA));
  private static final EcSigner EC = new EcSigner("ec-1", TestKeys.ecPrivate(TestKeys.EC));
  private static final Verifier RSA_KEY = Verifier.of("rsa-1", TestKeys.RSA.getPublic());
  private static final Verifier EC_KEY = Verifier.of("ec-1", TestKeys.EC.getPublic());

  private final FakeClock clock = new FakeClock(NOW);

  private static Map<String, Object> claims(Object... pairs) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "alice");
    claims.put("exp", T + 60);
    for (int i = 0; i < pairs.length; i += 2) {
      claims.put((String) pairs[i], pairs[i + 1]);
    }
    return claims;
  }

  private JwtVerifier.Builder builder(Verifier... keys) {
    return JwtVerifier.builder().keys(List.of(keys)).clock(clock);
  }

  private static JwtException.Reason reason(JwtVerifier verifier, String token) {
    return assertThrows(JwtException.class, () -> verifier.verify(token)).reason();
  }

  @Test
  void returnsTheClaimsOfAValidToken() throws JwtException {
    String token = Jwt.sign(Map.of("typ", "JWT"), claims("iss", "idp", "aud", "app"), RSA);
    JwtVerifier verifier =
        builder(RSA_KEY, EC_KEY).issuer("idp").audience("app").type("JWT").build();
    Map<String, Object> claims = verifier.verify(token).asMap();
    assertEquals("alice", claims.get("sub"));
    assertThrows(UnsupportedOperationException.class, () -> claims.put("sub", "mallory"));
  }

  @Test
  void picksTheKeyByKid() throws JwtException {
    JwtVerifier verifier = builder(RSA_KEY, EC_KEY).build();
    assertEquals("alice", verifier.verify(Jwt.sign(Map.of(), claims(), RSA)).get("sub"));
    assertEquals("alice", verifier.verify(Jwt.sign(Map.of(), claims(), EC)).get("sub"));
  }

  @Test
  void aSingleKeyNeedsNoKid() throws JwtException {
    RsaSigner anonymous = new RsaSigner(null, TestKeys.rsaPrivate(TestKeys.RSA));
    assertEquals(
        "alice",
        builder(RSA_KEY).build().verify(Jwt.sign(Map.of(), claims(), anonymous)).get("sub"));
  }

  @Test
  void aSingleKeyConfiguredWithoutKidAcceptsAnyKid() throws JwtException {
    Verifier platformKey = Verifier.of(null, TestKeys.RSA.getPublic());
    String token = Jwt.sign(Map.of("kid", "their-rotation-7"), claims(), RSA);
    assertEquals("alice", builder(platformKey).build().verify(token).get("sub"));
  }

  @Test
  void rejectsAKidThatIsNotAString() {
    String token = Jwt.sign(Map.of("kid", 7), claims(), RSA);
    assertEquals(JwtException.Reason.MALFORMED, reason(builder(RSA_KEY).build(), token));
  }

  @Test
  void matchesAudienceAsStringOrArrayMember() throws JwtException {
    JwtVerifier verifier = builder(RSA_KEY).audience("app").build();
    verifier.verify(Jwt.sign(Map.of(), claims("aud", "app"), RSA));
    verifier.verify(Jwt.sign(Map.of(), claims("aud", List.of("other", "app")), RSA));
    assertEquals(
        JwtException.Reason.WRONG_AUDIENCE,
        reason(verifier, Jwt.sign(Map.of(), claims("aud", "APP"), RSA)));
    assertEquals(
        JwtException.Reason.MISSING_CLAIM, reason(verifier, Jwt.sign(Map.of(), claims(), RSA)));
    assertEquals(
        JwtException.Reason.MALFORMED,
        reason(verifier, Jwt.sign(Map.of(), claims("aud", List.of(1, "app")), RSA)));
  }

  @Test
  void requiresTheIssuerWhenOneIsExpected() {
    JwtVerifier verifier = builder(RSA_KEY).issuer("idp").build();
    assertEquals(
        JwtException.Reason.MISSING_CLAIM, reason(verifier, Jwt.sign(Map.of(), claims(), RSA)));
    assertEquals(
        JwtException.Reason.WRONG_ISSUER,
        reason(verifier, Jwt.sign(Map.of(), claims("iss", "IDP"), RSA)));
  }

  @Test
  void expiryHonoursTheLeewayToTheSecond() throws JwtException {
    JwtVerifier verifier = builder(RSA_KEY).leeway(Duration.ofSeconds(30)).build();
    String token = Jwt.sign(Map.of(), claims(), RSA); // exp = T + 60
    clock.set(NOW.plusSeconds(89));
    verifier.verify(token);
    clock.set(NOW.plusSeconds(90));
    assertEquals(JwtException.Reason.EXPIRED, reason(verifier, token));
  }

  @Test
  void notBeforeHonoursTheLeeway() throws JwtException {
    JwtVerifier verifier = builder(RSA_KEY).leeway(Duration.ofSeconds(30)).build();
    verifier.verify(Jwt.sign(Map.of(), claims("nbf", T + 30), RSA));
    assertEquals(
        JwtException.Reason.NOT_YET_VALID,
        reason(verifier, Jwt.sign(Map.of(), claims("nbf", T + 31), RSA)));
  }

  @Test
  void issuedAtHonoursTheLeeway() throws JwtException {
    JwtVerifier verifier = builder(RSA_KEY).leeway(Duration.ZERO).build();
    verifier.verify(Jwt.sign(Map.of(), claims("iat", T), RSA));
    assertEquals(
        JwtException.Reason.NOT_YET_VALID,
        reason(verifier, Jwt.sign(Map.of(), claims("iat", T + 1), RSA)));
  }

  @Test
  void acceptsFractionalNumericDates() throws JwtException {
    JwtVerifier verifier = builder(RSA_KEY).leeway(Duration.ZERO).build();
    String token = Jwt.sign(Map.of(), claims("exp", T + 0.5), RSA);
    verifier.verify(token);
    clock.set(NOW.plusMillis(500));
    assertEquals(JwtException.Reason.EXPIRED, reason(verifier, token));
  }

  @Test
  void requiresExpUnlessToldOtherwise() throws JwtException {
    Map<String, Object> claims = claims();
    claims.remove("exp");
    String token = Jwt.sign(Map.of(), claims, RSA);
    assertEquals(JwtException.Reason.MISSING_CLAIM, reason(builder(RSA_KEY).build(), token));
    builder(RSA_KEY).requireExpiry(false).build().verify(token);
  }

  @Test
  void comparesTypAsAMediaType() throws JwtException {
    JwtVerifier verifier = builder(RSA_KEY).type("JWT").build();
    verifier.verify(Jwt.sign(Map.of("typ", "jwt"), claims(), RSA));
    verifier.verify(Jwt.sign(Map.of("typ", "application/jwt"), claims(), RSA));
    JwtVerifier accessTokens = builder(RSA_KEY).type("application/at+jwt").build();
    accessTokens.verify(Jwt.sign(Map.of("typ", "at+jwt"), claims(), RSA));
    assertEquals(
        JwtException.Reason.WRONG_TYPE,
        reason(accessTokens, Jwt.sign(Map.of("typ", "JWT"), claims(), RSA)));
  }

  @Test
  void refusesToBuildWithoutKeysOrWithAmbiguousKids() {
    assertThrows(IllegalStateException.class, () -> JwtVerifier.builder().build());
    assertThrows(
        IllegalStateException.class,
        () -> builder(RSA_KEY, Verifier.of("rsa-1", TestKeys.RSA_OTHER.getPublic())).build());
    assertThrows(
        IllegalStateException.class,
        () -> builder(RSA_KEY, Verifier.of(null, TestKeys.EC.getPublic())).build());
    assertThrows(
        IllegalArgumentException.class, () -> JwtVerifier.builder().leeway(Duration.ofSeconds(-1)));
  }

  @Test
  void checksSignatureBeforeClaims() {
    // An expired token signed by someone else must say BAD_SIGNATURE, not leak that it expired.
    RsaSigner other = new RsaSigner("rsa-1", TestKeys.rsaPrivate(TestKeys.RSA_OTHER));
    String token = Jwt.sign(Map.of(), claims("exp", T - 3600), other);
    assertEquals(JwtException.Reason.BAD_SIGNATURE, reason(builder(RSA_KEY).build(), token));
  }
}
