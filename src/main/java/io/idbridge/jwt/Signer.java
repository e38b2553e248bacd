package io.idbridge.jwt;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;

/** A private key that produces JWS signatures for one algorithm. */
public interface Signer {
  JwsAlgorithm algorithm();

  /** The {@code kid} written into headers, or null when the key has none. */
  String keyId();

  /** The JWS Signature octets over the JWS Signing Input (RFC 7515 §5.1 step 5). */
  byte[] sign(byte[] signingInput);

  /** The signer for an RSA or P-256 private key. */
  static Signer of(String kid, PrivateKey key) {
    if (key instanceof RSAPrivateKey rsa) {
      return new RsaSigner(kid, rsa);
    }
    if (key instanceof ECPrivateKey ec) {
      return new EcSigner(kid, ec);
    }
    throw new IllegalArgumentException("only RSA and EC keys can sign, not " + key.getAlgorithm());
  }
}
