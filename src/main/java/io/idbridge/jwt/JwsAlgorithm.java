package io.idbridge.jwt;

import java.util.Optional;

/** The JWS algorithms idbridge signs and verifies with, named as in RFC 7518 §3.1. */
public enum JwsAlgorithm {
  /** RSASSA-PKCS1-v1_5 using SHA-256 (RFC 7518 §3.3). */
  RS256("SHA256withRSA", "RSA"),
  /**
   * ECDSA using P-256 and SHA-256 (RFC 7518 §3.4); in the JDK's P1363 format the signature is
   * JOSE's R || S, not ASN.1 DER.
   */
  ES256("SHA256withECDSAinP1363Format", "EC");

  private final String jcaName;
  private final String keyType;

  JwsAlgorithm(String jcaName, String keyType) {
    this.jcaName = jcaName;
    this.keyType = keyType;
  }

  /** The JDK {@code Signature} algorithm name. */
  public String jcaName() {
    return jcaName;
  }

  /** The JWK {@code kty} (RFC 7518 §6.1), which is also the JCA key algorithm name. */
  public String keyType() {
    return keyType;
  }

  /** The algorithm a header's {@code alg} names; RFC 7515 §4.1.1: the value is case-sensitive. */
  public static Optional<JwsAlgorithm> fromName(String name) {
    for (JwsAlgorithm alg : values()) {
      if (alg.name().equals(name)) {
        return Optional.of(alg);
      }
    }
    return Optional.empty();
  }
}
