package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.testing.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * ES256 as signed by Bouncy Castle ({@link EcSigner}) and verified by the JDK ({@link EcVerifier}),
 * each against the other implementation and against RFC 6979's deterministic vectors.
 */
class Es256Test {
  private static final String P1363 = "SHA256withECDSAinP1363Format";

  @Test
  void ourSignaturesVerifyWithTheJdksP1363Format() throws Exception {
    EcSigner signer = new EcSigner(null, TestKeys.ecPrivate(TestKeys.EC));
    for (int i = 0; i < 50; i++) {
      byte[] input = ("input " + i).getBytes(StandardCharsets.US_ASCII);
      Signature jdk = Signature.getInstance(P1363);
      jdk.initVerify(TestKeys.EC.getPublic());
      jdk.update(input);
      assertTrue(jdk.verify(signer.sign(input)));
    }
  }

  @Test
  void jdkP1363SignaturesVerifyWithOurVerifier() throws Exception {
    EcVerifier verifier = new EcVerifier(null, TestKeys.ecPublic(TestKeys.EC));
    for (int i = 0; i < 50; i++) {
      byte[] input = ("input " + i).getBytes(StandardCharsets.US_ASCII);
      Signature jdk = Signature.getInstance(P1363);
      jdk.initSign(TestKeys.EC.getPrivate());
      jdk.update(input);
      assertTrue(verifier.verify(input, jdk.sign()));
    }
  }

  /** RFC 6979 A.2.5: P-256, SHA-256; the nonce depends only on the key and the message. */
  @Test
  void signsRfc6979Vectors() throws Exception {
    ECPrivateKey key =
        (ECPrivateKey)
            KeyFactory.getInstance("EC")
                .generatePrivate(
                    new ECPrivateKeySpec(
                        new BigInteger(
                            "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16),
                        P256.SPEC));
    EcSigner signer = new EcSigner(null, key);
    assertArrayEquals(
        HexFormat.of()
            .parseHex(
                "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                    + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"),
        signer.sign("sample".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(
        HexFormat.of()
            .parseHex(
                "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
                    + "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"),
        signer.sign("test".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aSignatureWithAFlippedBitFailsToVerify() {
    EcSigner signer = new EcSigner(null, TestKeys.ecPrivate(TestKeys.EC));
    EcVerifier verifier = new EcVerifier(null, TestKeys.ecPublic(TestKeys.EC));
    byte[] input = "input".getBytes(StandardCharsets.US_ASCII);
    byte[] signature = signer.sign(input);
    assertTrue(verifier.verify(input, signature));
    for (int bit = 0; bit < 8 * signature.length; bit += 37) {
      byte[] flipped = Arrays.copyOf(signature, signature.length);
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(verifier.verify(input, flipped), "bit " + bit);
    }
  }
}
