package io.idbridge.jwt;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.Objects;

/** ES256 signing with a P-256 private key, producing the 64-octet R || S of RFC 7518 §3.4. */
public final class EcSigner implements Signer {
  private final String kid;
  private final ECPrivateKey key;

  public EcSigner(String kid, ECPrivateKey key) {
    this.kid = kid;
    this.key = Objects.requireNonNull(key, "key");
    P256.require(key.getParams());
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
  public byte[] sign(byte[] signingInput) {
    try {
      Signature signature = Signature.getInstance(JwsAlgorithm.ES256.jcaName());
      signature.initSign(key);
      signature.update(signingInput);
      // The JDK returns ASN.1 DER; JOSE wants the fixed-size concatenation.
      return EcdsaSignatures.toJose(signature.sign(), P256.COORDINATE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
  }
}
