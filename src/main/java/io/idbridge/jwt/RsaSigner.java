package io.idbridge.jwt;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;

/** RS256 signing with an RSA private key of at least 2048 bits. */
public final class RsaSigner implements Signer {
  /** RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used with these algorithms." */
  public static final int MIN_BITS = 2048;

  private final String kid;
  private final RSAPrivateKey key;

  public RsaSigner(String kid, RSAPrivateKey key) {
    this.kid = kid;
    this.key = Objects.requireNonNull(key, "key");
    requireStrength(key.getModulus());
  }

  static void requireStrength(BigInteger modulus) {
    if (modulus.bitLength() < MIN_BITS) {
      throw new IllegalArgumentException(
          "RSA key of "
              + modulus.bitLength()
              + " bits refused: RFC 7518 §3.3 requires "
              + MIN_BITS);
    }
  }

  @Override
  public JwsAlgorithm algorithm() {
    return JwsAlgorithm.RS256;
  }

  @Override
  public String keyId() {
    return kid;
  }

  @Override
  public byte[] sign(byte[] signingInput) {
    try {
      // A Signature is stateful, so one per call keeps the signer thread-safe.
      Signature signature = Signature.getInstance(JwsAlgorithm.RS256.jcaName());
      signature.initSign(key);
      signature.update(signingInput);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RS256 signing failed", e);
    }
  }
}
