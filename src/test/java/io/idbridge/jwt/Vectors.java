package io.idbridge.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;

/** Reads the RFC test vectors under {@code src/test/resources/vectors/}. */
final class Vectors {
  private Vectors() {}

  static JsonNode load(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing vector " + name);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] octets(JsonNode array) {
    byte[] bytes = new byte[array.size()];
    for (int i = 0; i < bytes.length; i++) {
      int value = array.get(i).intValue();
      if (value < 0 || value > 255) {
        throw new IllegalStateException("not an octet: " + value);
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  static BigInteger member(JsonNode jwk, String name) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get(name).asText()));
  }

  static RSAPrivateCrtKey rsaPrivateKey(JsonNode jwk) throws GeneralSecurityException {
    RSAPrivateCrtKeySpec spec =
        new RSAPrivateCrtKeySpec(
            member(jwk, "n"),
            member(jwk, "e"),
            member(jwk, "d"),
            member(jwk, "p"),
            member(jwk, "q"),
            member(jwk, "dp"),
            member(jwk, "dq"),
            member(jwk, "qi"));
    return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
  }

  static ECPrivateKey ecPrivateKey(JsonNode jwk) throws GeneralSecurityException {
    return (ECPrivateKey)
        KeyFactory.getInstance("EC")
            .generatePrivate(new ECPrivateKeySpec(member(jwk, "d"), P256.SPEC));
  }
}
