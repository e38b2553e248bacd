package io.idbridge.jwt;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/** RS256 verification with an RSA public key of at least 2048 bits. */
public final class RsaVerifier implements Verifier {
  private final String kid;
  private final RSAPublicKey key;
  private final int modulusBytes;

  public RsaVerifier(String kid, RSAPublicKey key) {
    this.kid = kid;
    this.key = Objects.requireNonNull(key, "key");
    RsaSigner.requireStrength(key.getModulus());
    this.modulusBytes = (key.getModulus().bitLength() + 7) / 8;
  }

  public RSAPublicKey publicKey() {
    return key;
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
  public boolean verify(byte[] signingInput, byte[] signature) {
    // RFC 8017 §8.2.2 step 1: a signature is exactly as long as the modulus.
    if (signingInput == null || signature == null || signature.length != modulusBytes) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(JwsAlgorithm.RS256.jcaName());
      verifier.initVerify(key);
      verifier.update(signingInput);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
