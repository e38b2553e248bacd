package io.idbridge.jwt;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JWK Sets (RFC 7517 §5): the document served at {@code /.well-known/jwks.json}, and reading one.
 */
public final class Jwks {
  private Jwks() {}

  /** A public key as published: its {@code kid} and the algorithm it signs with. */
  public record Key(String kid, JwsAlgorithm alg, PublicKey publicKey) {
    public Key {
      Objects.requireNonNull(alg, "alg");
      Objects.requireNonNull(publicKey, "publicKey");
    }
  }

  /** {@code {"keys":[{kty, kid, use: "sig", alg, n, e | crv, x, y}, ...]}} in the given order. */
  public static String toJson(List<Key> keys) {
    List<Map<String, Object>> jwks = new ArrayList<>();
    for (Key key : keys) {
      jwks.add(Jwk.toMap(key.publicKey(), key.kid(), key.alg()));
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("keys", jwks);
    return new String(Json.write(set), StandardCharsets.UTF_8);
  }

  /**
   * Verifiers for the signing keys of a JWK Set. RFC 7517 §5: keys of a type we do not understand
   * are skipped, and so are keys for encryption or for other algorithms.
   */
  public static List<Verifier> parse(String json) {
    Object keys = Json.readObject(json, "JWK Set").get("keys");
    if (!(keys instanceof List<?> list)) {
      throw new IllegalArgumentException("JWK Set has no \"keys\" array (RFC 7517 §5.1)");
    }
    List<Verifier> verifiers = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> raw)) {
        throw new IllegalArgumentException("JWK Set holds a non-object");
      }
      Map<String, Object> jwk = new LinkedHashMap<>();
      raw.forEach((name, value) -> jwk.put(String.valueOf(name), value));
      boolean supportedType =
          "RSA".equals(jwk.get("kty"))
              || ("EC".equals(jwk.get("kty")) && P256.JWK_NAME.equals(jwk.get("crv")));
      boolean forSigning = !jwk.containsKey("use") || "sig".equals(jwk.get("use"));
      boolean supportedAlg =
          !jwk.containsKey("alg")
              || JwsAlgorithm.fromName(String.valueOf(jwk.get("alg"))).isPresent();
      if (supportedType && forSigning && supportedAlg) {
        verifiers.add(Jwk.parseVerifier(jwk));
      }
    }
    return verifiers;
  }
}
