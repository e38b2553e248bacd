package io.idbridge.jwt;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** A public key that checks JWS signatures; its algorithm, not the token's header, decides how. */
public interface Verifier {
  JwsAlgorithm algorithm();

  /** The {@code kid} this key answers to, or null for a key configured without one. */
  String keyId();

  /**
   * Whether {@code signature} is a valid signature of {@code signingInput}; never throws for bad
   * input.
   */
  boolean verify(byte[] signingInput, byte[] signature);

  /** The verifier for an RSA or P-256 public key. */
  static Verifier of(String kid, PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return new RsaVerifier(kid, rsa);
    }
    if (key instanceof ECPublicKey ec) {
      return new EcVerifier(kid, ec);
    }
    throw new IllegalArgumentException(
        "only RSA and EC keys can verify, not " + key.getAlgorithm());
  }
}
