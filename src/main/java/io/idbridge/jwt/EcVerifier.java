package io.idbridge.jwt;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * ES256 verification with a P-256 public key; accepts only the 64-octet R || S of RFC 7518 §3.4.
 * The JDK verifies what {@link EcSigner} signs with Bouncy Castle: two implementations, so every
 * round trip in the tests checks one against the other.
 */
public final class EcVerifier implements Verifier {
  private static final int SIGNATURE_BYTES = 2 * P256.COORDINATE_BYTES;

  private final String kid;
  private final ECPublicKey key;

  public EcVerifier(String kid, ECPublicKey key) {
    this.kid = kid;
    this.key = Objects.requireNonNull(key, "key");
    P256.require(key.getParams());
    if (!P256.isOnCurve(key.getW())) {
      throw new IllegalArgumentException("EC public key is not a point on P-256");
    }
  }

  public ECPublicKey publicKey() {
    return key;
  }

  @Override
  public JwsAlgorithm algorithm() {
    return JwsAlgorithm.ES256;
  }

  @Override
  public String keyId() {
    return kid;
  }

  @Override
  public boolean verify(byte[] signingInput, byte[] signature) {
    // RFC 7518 §3.4: the signature is exactly 64 octets; a DER-encoded signature is refused.
    if (signingInput == null || signature == null || signature.length != SIGNATURE_BYTES) {
      return false;
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, P256.COORDINATE_BYTES));
    BigInteger s =
        new BigInteger(1, Arrays.copyOfRange(signature, P256.COORDINATE_BYTES, SIGNATURE_BYTES));
    // CVE-2022-21449 ("psychic signatures"): r = s = 0 verified on unpatched JDKs. SEC 1 §4.1.4
    // step 1 requires 1 <= r, s <= n-1, so check it here rather than trust the provider.
    if (!inRange(r) || !inRange(s)) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(JwsAlgorithm.ES256.jcaName());
      verifier.initVerify(key);
      verifier.update(signingInput);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean inRange(BigInteger value) {
    return value.signum() > 0 && value.compareTo(P256.order()) < 0;
  }
}
