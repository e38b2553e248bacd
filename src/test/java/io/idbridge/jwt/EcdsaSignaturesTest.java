package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.testing.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Our DER ↔ R || S conversion against the JDK's own IEEE P1363 (R || S) ECDSA format. */
class EcdsaSignaturesTest {
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

  @Test
  void roundTripsShortAndHighBitIntegers() {
    BigInteger n = P256.order();
    BigInteger[] values = {
      BigInteger.ONE,
      BigInteger.valueOf(0x80),
      BigInteger.ONE.shiftLeft(255),
      n.subtract(BigInteger.ONE),
      BigInteger.ONE.shiftLeft(247).add(BigInteger.ONE)
    };
    for (BigInteger r : values) {
      for (BigInteger s : values) {
        byte[] jose = EcdsaSignatures.toJose(EcdsaSignatures.toDer(r, s), 32);
        byte[] expected = new byte[64];
        copy(r, expected, 0);
        copy(s, expected, 32);
        assertArrayEquals(expected, jose);
      }
    }
  }

  @Test
  void refusesMalformedDer() {
    byte[] good = EcdsaSignatures.toDer(BigInteger.TEN, BigInteger.TWO);
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    byte[] truncated = Arrays.copyOf(good, good.length - 1);
    byte[] negative = {0x30, 0x06, 0x02, 0x01, (byte) 0xff, 0x02, 0x01, 0x01};
    byte[] tooLong = EcdsaSignatures.toDer(BigInteger.ONE.shiftLeft(256), BigInteger.ONE);
    for (byte[] bad : new byte[][] {trailing, truncated, negative, tooLong, {}}) {
      assertThrows(IllegalArgumentException.class, () -> EcdsaSignatures.toJose(bad, 32));
    }
  }

  private static void copy(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
  }
}
