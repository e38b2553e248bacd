package io.idbridge.jwt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Public keys as JSON Web Keys (RFC 7517, RFC 7518 §6) and their RFC 7638 thumbprints. */
public final class Jwk {
  private Jwk() {}

  /**
   * The public JWK members of {@code key}: {@code kty, n, e} for RSA (RFC 7518 §6.3.1) or {@code
   * kty, crv, x, y} for P-256 (RFC 7518 §6.2.1).
   */
  public static Map<String, Object> toMap(PublicKey key) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    if (key instanceof RSAPublicKey rsa) {
      jwk.put("kty", "RSA");
      jwk.put("n", unsigned(rsa.getModulus()));
      jwk.put("e", unsigned(rsa.getPublicExponent()));
    } else if (key instanceof ECPublicKey ec) {
      P256.require(ec.getParams());
      jwk.put("kty", "EC");
      jwk.put("crv", P256.JWK_NAME);
      jwk.put("x", coordinate(ec.getW().getAffineX()));
      jwk.put("y", coordinate(ec.getW().getAffineY()));
    } else {
      throw new IllegalArgumentException(
          "only RSA and EC keys have JWKs here, not " + key.getAlgorithm());
    }
    return jwk;
  }

  /**
   * {@link #toMap(PublicKey)} with {@code kid}, {@code use: "sig"} and {@code alg} (RFC 7517 §4).
   */
  public static Map<String, Object> toMap(PublicKey key, String kid, JwsAlgorithm alg) {
    Map<String, Object> members = toMap(key);
    if (!alg.keyType().equals(members.get("kty"))) {
      throw new IllegalArgumentException(alg + " does not use " + members.get("kty") + " keys");
    }
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", members.remove("kty"));
    if (kid != null) {
      jwk.put("kid", kid);
    }
    jwk.put("use", "sig");
    jwk.put("alg", alg.name());
    jwk.putAll(members);
    return jwk;
  }

  /** The public key's JWK as JSON. */
  public static String toJson(PublicKey key, String kid, JwsAlgorithm alg) {
    return new String(Json.write(toMap(key, kid, alg)), StandardCharsets.UTF_8);
  }

  /**
   * The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic order
   * without whitespace (§3.2, §3.3). Members are base64url or fixed names, so nothing needs
   * escaping.
   */
  public static String thumbprint(PublicKey key) {
    Map<String, Object> jwk = toMap(key);
    String canonical =
        "RSA".equals(jwk.get("kty"))
            ? "{\"e\":\"" + jwk.get("e") + "\",\"kty\":\"RSA\",\"n\":\"" + jwk.get("n") + "\"}"
            : "{\"crv\":\""
                + jwk.get("crv")
                + "\",\"kty\":\"EC\",\"x\":\""
                + jwk.get("x")
                + "\",\"y\":\""
                + jwk.get("y")
                + "\"}";
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64Url.encode(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The public key in a JWK JSON object (private members, if any, are ignored). */
  public static PublicKey parsePublicKey(String json) {
    return parsePublicKey(Json.readObject(json, "JWK"));
  }

  /** The public key in a parsed JWK: RSA {@code n, e} or EC P-256 {@code x, y}. */
  public static PublicKey parsePublicKey(Map<String, ?> jwk) {
    // RFC 7517 §4.2: a key marked for encryption must not verify signatures.
    if (jwk.containsKey("use") && !"sig".equals(jwk.get("use"))) {
      throw new IllegalArgumentException("JWK use is not \"sig\"");
    }
    Object kty = jwk.get("kty");
    try {
      if ("RSA".equals(kty)) {
        BigInteger n = new BigInteger(1, member(jwk, "n"));
        BigInteger e = new BigInteger(1, member(jwk, "e"));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
      }
      if ("EC".equals(kty)) {
        if (!P256.JWK_NAME.equals(jwk.get("crv"))) {
          throw new IllegalArgumentException("EC JWK crv is not P-256");
        }
        ECPoint w = new ECPoint(coordinate(jwk, "x"), coordinate(jwk, "y"));
        if (!P256.isOnCurve(w)) {
          throw new IllegalArgumentException("EC JWK is not a point on P-256");
        }
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, P256.SPEC));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("JWK is not a valid " + kty + " public key");
    }
    throw new IllegalArgumentException("JWK kty is not RSA or EC");
  }

  /**
   * A verifier for a JWK: its {@code kid} (may be absent) and its {@code alg}, or when absent the
   * algorithm its key type implies (RSA → RS256, EC → ES256).
   */
  public static Verifier parseVerifier(Map<String, ?> jwk) {
    PublicKey key = parsePublicKey(jwk);
    Object kid = jwk.get("kid");
    if (kid != null && !(kid instanceof String)) {
      throw new IllegalArgumentException("JWK kid is not a string");
    }
    if (jwk.containsKey("alg")) {
      JwsAlgorithm alg =
          JwsAlgorithm.fromName(String.valueOf(jwk.get("alg")))
              .orElseThrow(() -> new IllegalArgumentException("JWK alg is not RS256 or ES256"));
      if (!alg.keyType().equals(key.getAlgorithm())) {
        throw new IllegalArgumentException("JWK alg " + alg + " does not match kty");
      }
    }
    return Verifier.of((String) kid, key);
  }

  /** {@link #parseVerifier(Map)} from JSON text. */
  public static Verifier parseVerifier(String json) {
    return parseVerifier(Json.readObject(json, "JWK"));
  }

  /** RFC 7518 §6.3.1.1: the minimal unsigned big-endian octets (no sign byte). */
  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      bytes = trimmed;
    }
    return Base64Url.encode(bytes);
  }

  /** RFC 7518 §6.2.1.2: a coordinate is always the full 32 octets for P-256. */
  private static String coordinate(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[P256.COORDINATE_BYTES];
    int length = Math.min(bytes.length, P256.COORDINATE_BYTES);
    System.arraycopy(bytes, bytes.length - length, out, P256.COORDINATE_BYTES - length, length);
    return Base64Url.encode(out);
  }

  private static BigInteger coordinate(Map<String, ?> jwk, String name) {
    byte[] bytes = member(jwk, name);
    if (bytes.length != P256.COORDINATE_BYTES) {
      throw new IllegalArgumentException(
          "EC JWK " + name + " is not 32 octets (RFC 7518 §6.2.1.2)");
    }
    return new BigInteger(1, bytes);
  }

  private static byte[] member(Map<String, ?> jwk, String name) {
    if (!(jwk.get(name) instanceof String text) || text.isEmpty()) {
      throw new IllegalArgumentException("JWK has no " + name);
    }
    try {
      return Base64Url.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("JWK " + name + " is not base64url");
    }
  }
}
