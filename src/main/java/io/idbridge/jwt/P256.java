package io.idbridge.jwt;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** The NIST P-256 curve (secp256r1), the only curve ES256 uses (RFC 7518 §3.4). */
final class P256 {
  /** Octets in a coordinate, and in each of R and S (RFC 7518 §3.4, §6.2.1.2). */
  static final int COORDINATE_BYTES = 32;

  static final String JDK_NAME = "secp256r1";
  static final String JWK_NAME = "P-256";
  static final ECParameterSpec SPEC = jdkSpec();

  /** The same curve in Bouncy Castle's form, with its fast P-256 field arithmetic. */
  static final ECDomainParameters DOMAIN = bouncyCastleDomain();

  private P256() {}

  private static ECParameterSpec jdkSpec() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(JDK_NAME));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + JDK_NAME, e);
    }
  }

  private static ECDomainParameters bouncyCastleDomain() {
    X9ECParameters curve = CustomNamedCurves.getByName(JDK_NAME);
    return new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
  }

  static boolean matches(ECParameterSpec params) {
    return params != null
        && params.getCurve().equals(SPEC.getCurve())
        && params.getGenerator().equals(SPEC.getGenerator())
        && params.getOrder().equals(SPEC.getOrder())
        && params.getCofactor() == SPEC.getCofactor();
  }

  static void require(ECParameterSpec params) {
    if (!matches(params)) {
      throw new IllegalArgumentException("only P-256 EC keys are supported (ES256, RFC 7518 §3.4)");
    }
  }

  static BigInteger order() {
    return SPEC.getOrder();
  }

  /** Whether {@code point} satisfies y² = x³ + ax + b (mod p): an off-curve key is an attack. */
  static boolean isOnCurve(ECPoint point) {
    if (point == null || ECPoint.POINT_INFINITY.equals(point)) {
      return false;
    }
    BigInteger p = ((ECFieldFp) SPEC.getCurve().getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right =
        x.pow(3).add(SPEC.getCurve().getA().multiply(x)).add(SPEC.getCurve().getB()).mod(p);
    return left.equals(right);
  }

  /** The public point d·G; the JDK has no API for it, so Bouncy Castle's curve math does it. */
  static ECPoint publicPoint(BigInteger d) {
    if (d.signum() <= 0 || d.compareTo(order()) >= 0) {
      throw new IllegalArgumentException("EC private scalar out of range");
    }
    org.bouncycastle.math.ec.ECPoint q =
        new FixedPointCombMultiplier().multiply(DOMAIN.getG(), d).normalize();
    return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
  }
}
