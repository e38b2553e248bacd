package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 7515 Appendix A.2 and A.3 and RFC 7638 §3.1, byte for byte. */
class Rfc7515VectorsTest {
  private static final JsonNode A2 = Vectors.load("rfc7515-a2-rs256.json");
  private static final JsonNode A3 = Vectors.load("rfc7515-a3-es256.json");

  /** Before the vectors' exp of 1300819380 (2011-03-22T18:43:00Z). */
  private static final Instant BEFORE_EXP = Instant.parse("2011-03-22T18:00:00Z");

  @Test
  void rs256SignerReproducesAppendixA2Exactly() throws Exception {
    RSAPrivateCrtKey key = Vectors.rsaPrivateKey(A2.get("jwk"));
    String token =
        Jwt.signRaw(
            Vectors.octets(A2.get("protectedHeaderOctets")),
            Vectors.octets(A2.get("payloadOctets")),
            new RsaSigner(null, key));

    assertEquals(A2.get("compact").asText(), token);
    byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    assertArrayEquals(Vectors.octets(A2.get("signatureOctets")), signature);
  }

  @Test
  void appendixA2HeaderIsTheRfcOctets() {
    assertEquals(
        "{\"alg\":\"RS256\"}",
        new String(Vectors.octets(A2.get("protectedHeaderOctets")), StandardCharsets.UTF_8));
  }

  @Test
  void verifierAcceptsAppendixA2() throws Exception {
    PublicKey publicKey = Pem.publicKeyOf(Vectors.rsaPrivateKey(A2.get("jwk")));
    JwtVerifier verifier =
        JwtVerifier.builder()
            .key(Verifier.of(null, publicKey))
            .issuer("joe")
            .clock(new FakeClock(BEFORE_EXP))
            .build();

    Map<String, Object> claims = verifier.verify(A2.get("compact").asText()).asMap();

    assertEquals("joe", claims.get("iss"));
    assertEquals(1300819380L, claims.get("exp"));
    assertEquals(true, claims.get("http://example.com/is_root"));
  }

  @Test
  void es256VerifierAcceptsAppendixA3Signature() throws Exception {
    JsonNode jwk = A3.get("jwk");
    ECPublicKey publicKey = (ECPublicKey) Jwk.parsePublicKey(jwk.toString());
    String compact = A3.get("compact").asText();
    byte[] signingInput =
        compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    byte[] rs = new byte[64];
    System.arraycopy(Vectors.octets(A3.get("signatureOctetsR")), 0, rs, 0, 32);
    System.arraycopy(Vectors.octets(A3.get("signatureOctetsS")), 0, rs, 32, 32);

    assertTrue(new EcVerifier(null, publicKey).verify(signingInput, rs));
    JwtVerifier verifier =
        JwtVerifier.builder()
            .key(new EcVerifier(null, publicKey))
            .clock(new FakeClock(BEFORE_EXP))
            .build();
    assertEquals("joe", verifier.verify(compact).get("iss"));
  }

  @Test
  void appendixA3PublicKeyIsDerivedFromItsPrivateKey() throws Exception {
    JsonNode jwk = A3.get("jwk");
    PublicKey derived = Pem.publicKeyOf(Vectors.ecPrivateKey(jwk));
    Map<String, Object> members = Jwk.toMap(derived);
    assertEquals(jwk.get("x").asText(), members.get("x"));
    assertEquals(jwk.get("y").asText(), members.get("y"));
  }

  @Test
  void es256SignerWithAppendixA3KeyProducesSignaturesTheVerifierAccepts() throws Exception {
    JsonNode jwk = A3.get("jwk");
    EcSigner signer = new EcSigner(null, Vectors.ecPrivateKey(jwk));
    EcVerifier verifier = new EcVerifier(null, (ECPublicKey) Jwk.parsePublicKey(jwk.toString()));
    byte[] input = "eyJhbGciOiJFUzI1NiJ9.e30".getBytes(StandardCharsets.US_ASCII);

    byte[] signature = signer.sign(input);

    assertEquals(64, signature.length);
    assertTrue(verifier.verify(input, signature));
  }

  @Test
  void thumbprintMatchesRfc7638Example() {
    JsonNode vector = Vectors.load("rfc7638-thumbprint.json");
    PublicKey key = Jwk.parsePublicKey(vector.get("jwk").toString());
    assertEquals(vector.get("thumbprint").asText(), Jwk.thumbprint(key));
  }
}
