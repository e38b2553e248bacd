package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.testing.TestKeys;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwkTest {
  private static byte[] decode(Object member) {
    return Base64.getUrlDecoder().decode((String) member);
  }

  @Test
  void rsaModulusHasNoSignOctet() {
    Map<String, Object> jwk = Jwk.toMap(TestKeys.RSA.getPublic());
    assertEquals(List.of("kty", "n", "e"), List.copyOf(jwk.keySet()));
    assertEquals(256, decode(jwk.get("n")).length);
    assertEquals("AQAB", jwk.get("e"));
  }

  @Test
  void ecCoordinatesArePaddedTo32Octets() throws Exception {
    // find a point whose x starts with a zero octet (about 1 in 256)
    BigInteger d = BigInteger.ONE;
    ECPoint w = P256.publicPoint(d);
    while (w.getAffineX().bitLength() > 248) {
      d = d.add(BigInteger.ONE);
      w = P256.publicPoint(d);
    }
    PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, P256.SPEC));

    Map<String, Object> jwk = Jwk.toMap(key);

    assertEquals(32, decode(jwk.get("x")).length);
    assertEquals(0, decode(jwk.get("x"))[0]);
    assertEquals(32, decode(jwk.get("y")).length);
    assertEquals(key, Jwk.parsePublicKey(Jwk.toJson(key, "k", JwsAlgorithm.ES256)));
  }

  @Test
  void addsKidUseAndAlgForPublication() {
    Map<String, Object> jwk = Jwk.toMap(TestKeys.EC.getPublic(), "kid-1", JwsAlgorithm.ES256);
    assertEquals(List.of("kty", "kid", "use", "alg", "crv", "x", "y"), List.copyOf(jwk.keySet()));
    assertEquals("sig", jwk.get("use"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Jwk.toMap(TestKeys.EC.getPublic(), "k", JwsAlgorithm.RS256));
  }

  @Test
  void roundTripsRsaAndEcKeys() {
    assertEquals(
        TestKeys.RSA.getPublic(),
        Jwk.parsePublicKey(Jwk.toJson(TestKeys.RSA.getPublic(), "a", JwsAlgorithm.RS256)));
    assertEquals(
        TestKeys.EC.getPublic(),
        Jwk.parsePublicKey(Jwk.toJson(TestKeys.EC.getPublic(), "b", JwsAlgorithm.ES256)));
  }

  @Test
  void thumbprintIgnoresOptionalMembersAndDiffersPerKey() {
    String plain = Jwk.thumbprint(TestKeys.EC.getPublic());
    assertEquals(43, plain.length());
    assertEquals(
        plain,
        Jwk.thumbprint(
            Jwk.parsePublicKey(Jwk.toJson(TestKeys.EC.getPublic(), "x", JwsAlgorithm.ES256))));
    assertTrue(!plain.equals(Jwk.thumbprint(TestKeys.EC_OTHER.getPublic())));
  }

  @Test
  void parsesAPlatformRsaKeyGivenAsNAndE() throws Exception {
    Map<String, Object> members = Jwk.toMap(TestKeys.RSA.getPublic());
    String json = "{\"kty\":\"RSA\",\"n\":\"" + members.get("n") + "\",\"e\":\"AQAB\"}";
    Verifier verifier = Jwk.parseVerifier(json);
    assertEquals(JwsAlgorithm.RS256, verifier.algorithm());
    assertEquals(null, verifier.keyId());
    byte[] input = "a.b".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(
        verifier.verify(input, new RsaSigner(null, TestKeys.rsaPrivate(TestKeys.RSA)).sign(input)));
  }

  @Test
  void refusesKeysThatAreNotSafeOrNotOurs() {
    Map<String, Object> ec = new HashMap<>(Jwk.toMap(TestKeys.EC.getPublic()));
    ECPublicKey key = TestKeys.ecPublic(TestKeys.EC);
    BigInteger p = ((java.security.spec.ECFieldFp) P256.SPEC.getCurve().getField()).getP();
    String offCurveY = fixed32(key.getW().getAffineY().add(BigInteger.ONE).mod(p));
    assertRefused(with(ec, "y", offCurveY));
    assertRefused(with(ec, "crv", "P-384"));
    assertRefused(
        with(ec, "x", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[31])));
    assertRefused(with(ec, "use", "enc"));
    assertRefused(with(ec, "x", "not base64!"));
    assertRefused(Map.of("kty", "oct", "k", "AAAA"));
    assertRefused(Map.of("kty", "RSA", "e", "AQAB"));
    Map<String, Object> rsa = Jwk.toMap(TestKeys.RSA.getPublic(), "k", JwsAlgorithm.RS256);
    assertThrows(
        IllegalArgumentException.class, () -> Jwk.parseVerifier(with(rsa, "alg", "ES256")));
    assertThrows(
        IllegalArgumentException.class, () -> Jwk.parseVerifier(with(rsa, "alg", "HS256")));
  }

  private static String fixed32(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[32];
    int length = Math.min(32, bytes.length);
    System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  private static Map<String, Object> with(Map<String, Object> jwk, String name, Object value) {
    Map<String, Object> copy = new HashMap<>(jwk);
    copy.put(name, value);
    return copy;
  }

  private static void assertRefused(Map<String, Object> jwk) {
    assertThrows(IllegalArgumentException.class, () -> Jwk.parsePublicKey(jwk), jwk.toString());
  }

  @Test
  void writesAJwkSetInOrder() {
    String json =
        Jwks.toJson(List.of(new Jwks.Key("r", JwsAlgorithm.RS256, TestKeys.RSA.getPublic())));
    Map<String, Object> n = Jwk.toMap(TestKeys.RSA.getPublic());
    assertEquals(
        "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"r\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
            + n.get("n")
            + "\",\"e\":\"AQAB\"}]}",
        json);
  }

  @Test
  void readingAJwkSetSkipsKeysWeCannotUse() {
    String json =
        "{\"keys\":["
            + Jwk.toJson(TestKeys.RSA.getPublic(), "sig-key", JwsAlgorithm.RS256)
            + ",{\"kty\":\"oct\",\"k\":\"AAAA\"}"
            + ",{\"kty\":\"RSA\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"}"
            + ",{\"kty\":\"RSA\",\"alg\":\"PS256\",\"n\":\"AQAB\",\"e\":\"AQAB\"}"
            + ",{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AA\",\"y\":\"AA\"}"
            + "]}";
    List<Verifier> verifiers = Jwks.parse(json);
    assertEquals(List.of("sig-key"), verifiers.stream().map(Verifier::keyId).toList());
    assertThrows(IllegalArgumentException.class, () -> Jwks.parse("{\"keys\":{}}"));
  }
}
