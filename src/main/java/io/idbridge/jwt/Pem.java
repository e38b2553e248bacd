package io.idbridge.jwt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads and writes keys in PEM (RFC 7468): PKCS#8, PKCS#1 RSA and SEC 1 EC private keys; SPKI,
 * PKCS#1 RSA and X.509 certificate public keys. Writes PKCS#8 and SPKI. Bouncy Castle's ASN.1
 * classes (no provider) read the PKCS#1 and SEC 1 bodies, which the JDK cannot.
 *
 * <p>Errors are {@link IllegalArgumentException}s that name the problem, never the key material.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final int LINE = 64; // RFC 7468 §2: lines of exactly 64 characters but the last

  private Pem() {}

  /** The private key in the first private-key block of {@code pem}: RSA, or EC on P-256. */
  public static PrivateKey readPrivateKey(String pem) {
    PrivateKey key = readAnyPrivateKey(pem);
    if (key instanceof ECPrivateKey ec) {
      P256.require(ec.getParams());
    }
    return key;
  }

  /**
   * Like {@link #readPrivateKey}, with EC keys on any curve the JDK knows: a TLS certificate's key
   * (certbot's {@code --elliptic-curve secp384r1}) signs no token.
   */
  public static PrivateKey readAnyPrivateKey(String pem) {
    for (Block block : blocks(pem)) {
      switch (block.label()) {
        case "PRIVATE KEY":
          return generatePrivate(new PKCS8EncodedKeySpec(block.der()), "RSA", "EC");
        case "RSA PRIVATE KEY":
          return generatePrivate(pkcs1Private(block.der()), "RSA");
        case "EC PRIVATE KEY":
          return generatePrivate(sec1Private(block.der()), "EC");
        case "ENCRYPTED PRIVATE KEY":
          throw new IllegalArgumentException(
              "encrypted private key: decrypt it first (openssl pkey -in key.pem -out plain.pem)");
        default:
          // e.g. "EC PARAMETERS" before "EC PRIVATE KEY" in `openssl ecparam -genkey` output
      }
    }
    throw new IllegalArgumentException(
        "no PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  /** The public key in the first public-key or certificate block of {@code pem}. */
  public static PublicKey readPublicKey(String pem) {
    for (Block block : blocks(pem)) {
      switch (block.label()) {
        case "PUBLIC KEY":
          return generatePublic(new X509EncodedKeySpec(block.der()), "RSA", "EC");
        case "RSA PUBLIC KEY":
          return generatePublic(pkcs1Public(block.der()), "RSA");
        case "CERTIFICATE":
          // The key is configured by an operator, not received, so the certificate is a container.
          return certificateKey(block.der());
        default:
      }
    }
    throw new IllegalArgumentException("no PEM public key (BEGIN PUBLIC KEY or CERTIFICATE)");
  }

  /** The private key in {@code pem} with its public half, derived from it. */
  public static KeyPair readKeyPair(String pem) {
    PrivateKey privateKey = readPrivateKey(pem);
    return new KeyPair(publicKeyOf(privateKey), privateKey);
  }

  /** The public half of an RSA (CRT form) or P-256 private key. */
  public static PublicKey publicKeyOf(PrivateKey key) {
    try {
      if (key instanceof RSAPrivateCrtKey rsa) {
        return KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      if (key instanceof ECPrivateKey ec) {
        P256.require(ec.getParams());
        return KeyFactory.getInstance("EC")
            .generatePublic(new ECPublicKeySpec(P256.publicPoint(ec.getS()), P256.SPEC));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot derive the public key", e);
    }
    throw new IllegalArgumentException(
        "cannot derive a public key from " + key.getAlgorithm() + " " + key.getFormat() + " keys");
  }

  /** PKCS#8 {@code BEGIN PRIVATE KEY} PEM. */
  public static String toPem(PrivateKey key) {
    requireFormat(key.getFormat(), "PKCS#8");
    return encode("PRIVATE KEY", key.getEncoded());
  }

  /** SPKI {@code BEGIN PUBLIC KEY} PEM. */
  public static String toPem(PublicKey key) {
    requireFormat(key.getFormat(), "X.509");
    return encode("PUBLIC KEY", key.getEncoded());
  }

  private static void requireFormat(String actual, String expected) {
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException("key is not encodable as " + expected);
    }
  }

  static String encode(String label, byte[] der) {
    String body = Base64.getEncoder().encodeToString(der);
    StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < body.length(); i += LINE) {
      out.append(body, i, Math.min(body.length(), i + LINE)).append('\n');
    }
    return out.append("-----END ").append(label).append("-----\n").toString();
  }

  private record Block(String label, byte[] der) {}

  private static List<Block> blocks(String pem) {
    if (pem == null) {
      throw new IllegalArgumentException("no PEM text");
    }
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(pem);
    while (matcher.find()) {
      String body = matcher.group(2);
      if (body.indexOf(':') >= 0) {
        // RFC 1421 headers (Proc-Type: 4,ENCRYPTED / DEK-Info) mean a legacy encrypted key.
        throw new IllegalArgumentException(
            "PEM with headers (an encrypted key?): decrypt it first (openssl pkey)");
      }
      try {
        // RFC 7468 §3: whitespace may appear anywhere in the base64 text.
        blocks.add(
            new Block(matcher.group(1), Base64.getDecoder().decode(body.replaceAll("\\s", ""))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("PEM " + matcher.group(1) + " body is not base64");
      }
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no PEM block (-----BEGIN ...-----) found");
    }
    return blocks;
  }

  /** RFC 8017 Appendix A.1.2 RSAPrivateKey, the body of {@code BEGIN RSA PRIVATE KEY}. */
  private static KeySpec pkcs1Private(byte[] der) {
    try {
      org.bouncycastle.asn1.pkcs.RSAPrivateKey key =
          org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
      return new RSAPrivateCrtKeySpec(
          key.getModulus(),
          key.getPublicExponent(),
          key.getPrivateExponent(),
          key.getPrime1(),
          key.getPrime2(),
          key.getExponent1(),
          key.getExponent2(),
          key.getCoefficient());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("RSA PRIVATE KEY is not a PKCS#1 RSAPrivateKey");
    }
  }

  /** RFC 8017 Appendix A.1.1 RSAPublicKey, the body of {@code BEGIN RSA PUBLIC KEY}. */
  private static KeySpec pkcs1Public(byte[] der) {
    try {
      org.bouncycastle.asn1.pkcs.RSAPublicKey key =
          org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(der));
      return new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("RSA PUBLIC KEY is not a PKCS#1 RSAPublicKey");
    }
  }

  /**
   * RFC 5915 §3 ECPrivateKey, the body of {@code BEGIN EC PRIVATE KEY}, as the PKCS#8 the JDK
   * reads.
   */
  private static KeySpec sec1Private(byte[] der) {
    org.bouncycastle.asn1.sec.ECPrivateKey key;
    try {
      key = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("EC PRIVATE KEY is not an RFC 5915 ECPrivateKey");
    }
    // RFC 5915 §3: parameters are optional but, for a key on its own, must name the curve.
    if (!(key.getParametersObject() instanceof ASN1ObjectIdentifier curve)) {
      throw new IllegalArgumentException("EC PRIVATE KEY does not name its curve");
    }
    try {
      return new PKCS8EncodedKeySpec(
          new PrivateKeyInfo(
                  new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), key)
              .getEncoded());
    } catch (IOException e) {
      throw new IllegalArgumentException("EC PRIVATE KEY cannot be re-encoded", e);
    }
  }

  private static PublicKey certificateKey(byte[] der) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der))
          .getPublicKey();
    } catch (CertificateException e) {
      throw new IllegalArgumentException("CERTIFICATE is not an X.509 certificate");
    }
  }

  private static PrivateKey generatePrivate(KeySpec spec, String... algorithms) {
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new IllegalArgumentException("not an RSA or EC private key");
  }

  private static PublicKey generatePublic(KeySpec spec, String... algorithms) {
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new IllegalArgumentException("not an RSA or EC public key");
  }
}
