package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtTest {
  private static final RsaSigner SIGNER = new RsaSigner("kid-1", TestKeys.rsaPrivate(TestKeys.RSA));

  private static String headerJson(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
  }

  @Test
  void setsAlgAndKidFromTheSigner() {
    String token = Jwt.sign(Map.of(), Map.of("sub", "alice"), SIGNER);
    assertEquals("{\"alg\":\"RS256\",\"kid\":\"kid-1\"}", headerJson(token));
  }

  @Test
  void keepsAKidGivenInTheHeader() {
    String token = Jwt.sign(Map.of("kid", "configured"), Map.of("sub", "alice"), SIGNER);
    assertEquals("{\"alg\":\"RS256\",\"kid\":\"configured\"}", headerJson(token));
  }

  @Test
  void writesTypOnlyWhenGiven() {
    assertFalse(headerJson(Jwt.sign(Map.of(), Map.of(), SIGNER)).contains("typ"));
    assertEquals(
        "{\"alg\":\"RS256\",\"kid\":\"kid-1\",\"typ\":\"JOSE\"}",
        headerJson(Jwt.sign(Map.of("typ", "JOSE"), Map.of(), SIGNER)));
  }

  @Test
  void omitsKidWhenTheSignerHasNone() {
    RsaSigner anonymous = new RsaSigner(null, TestKeys.rsaPrivate(TestKeys.RSA));
    assertEquals("{\"alg\":\"RS256\"}", headerJson(Jwt.sign(Map.of(), Map.of(), anonymous)));
  }

  @Test
  void refusesAHeaderAlgOtherThanTheSigners() {
    assertThrows(
        IllegalArgumentException.class, () -> Jwt.sign(Map.of("alg", "HS256"), Map.of(), SIGNER));
    Jwt.sign(Map.of("alg", "RS256"), Map.of(), SIGNER); // the same one is fine
  }

  @Test
  void writesCompactSerializationWithoutPadding() {
    for (int i = 0; i < 4; i++) {
      String token = Jwt.sign(Map.of(), Map.of("sub", "x".repeat(i)), SIGNER);
      assertEquals(3, token.split("\\.", -1).length);
      assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), token);
    }
  }

  @Test
  void writesClaimsAsGivenInOrder() throws JwtException {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "alice");
    claims.put("aud", List.of("a", "b"));
    claims.put("exp", 1767225600L);
    claims.put("admin", true);
    String token = Jwt.sign(Map.of(), claims, SIGNER);
    assertEquals(claims, Jwt.unverifiedClaims(token));
    assertEquals(
        "{\"sub\":\"alice\",\"aud\":[\"a\",\"b\"],\"exp\":1767225600,\"admin\":true}",
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  @Test
  void refusesValuesJacksonCannotWriteWithoutModules() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Jwt.sign(Map.of(), Map.of("exp", Instant.EPOCH), SIGNER));
  }

  @Test
  void unverifiedClaimsStillRequireAWellFormedToken() {
    JwtException e = assertThrows(JwtException.class, () -> Jwt.unverifiedClaims("a.b"));
    assertEquals(JwtException.Reason.MALFORMED, e.reason());
  }
}
