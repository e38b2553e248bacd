package io.idbridge.jwt;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Writes signed JWTs in the JWS compact serialization (RFC 7515 §7.1). */
public final class Jwt {
  private Jwt() {}

  /**
   * The signed token for {@code claims}. The header gets {@code alg} from the signer (the key
   * decides the algorithm), {@code kid} from the signer unless the header has one, and every other
   * member as given; {@code typ} is written only if given. Values must be JSON-friendly: strings,
   * numbers (times as epoch seconds, RFC 7519 §2 NumericDate), booleans, lists, maps.
   *
   * @throws IllegalArgumentException if the header names another {@code alg} than the signer's
   */
  public static String sign(Map<String, ?> header, Map<String, ?> claims, Signer signer) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(claims, "claims");
    String alg = signer.algorithm().name();
    Object givenAlg = header.get("alg");
    if (givenAlg != null && !alg.equals(givenAlg)) {
      throw new IllegalArgumentException("header alg differs from the signer's algorithm " + alg);
    }
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("alg", alg);
    Object kid = header.containsKey("kid") ? header.get("kid") : signer.keyId();
    if (kid != null) {
      full.put("kid", kid);
    }
    header.forEach(
        (name, value) -> {
          if (!name.equals("alg") && !name.equals("kid")) {
            full.put(name, value);
          }
        });
    return signRaw(Json.write(full), Json.write(claims), signer);
  }

  /**
   * The compact JWS over exactly these header and payload octets (RFC 7515 §5.1), for callers that
   * must control the bytes, e.g. to reproduce RFC 7515 Appendix A.2. The header is not checked: it
   * must name the signer's algorithm.
   */
  public static String signRaw(byte[] headerJson, byte[] payloadJson, Signer signer) {
    // RFC 7515 §5.1 steps 2-4: ASCII(BASE64URL(header) || '.' || BASE64URL(payload))
    String signingInput = Base64Url.encode(headerJson) + "." + Base64Url.encode(payloadJson);
    byte[] signature = signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + Base64Url.encode(signature);
  }

  /**
   * The claims of a token WITHOUT checking its signature or any claim: only for contracts that must
   * read a peer's token when no key to verify it is configured. Never use the result to decide who
   * someone is when a key is available; use {@link JwtVerifier}.
   */
  public static Map<String, Object> unverifiedClaims(String token) throws JwtException {
    CompactJws jws = CompactJws.parse(token);
    return Collections.unmodifiableMap(Json.readObject(jws.payload(), "payload"));
  }
}
