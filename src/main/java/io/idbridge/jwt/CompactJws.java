package io.idbridge.jwt;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A JWS compact serialization split into its parts (RFC 7515 §7.1), nothing verified yet. */
record CompactJws(
    Map<String, Object> header, byte[] payload, byte[] signature, byte[] signingInput) {
  /** Far above any token we issue or accept, low enough that parsing cannot be made expensive. */
  static final int MAX_CHARS = 64 * 1024;

  static CompactJws parse(String token) throws JwtException {
    if (token == null || token.isEmpty()) {
      throw malformed("empty token");
    }
    if (token.length() > MAX_CHARS) {
      throw malformed("token longer than " + MAX_CHARS + " characters");
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw malformed("a compact JWS has exactly three parts (RFC 7515 §7.1)");
    }
    byte[] header = decode(token.substring(0, first), "header");
    byte[] payload = decode(token.substring(first + 1, second), "payload");
    byte[] signature = decode(token.substring(second + 1), "signature");
    // RFC 7515 §5.2 step 8 (after decoding): the header is a JSON object.
    Map<String, Object> headerJson = Json.readObject(header, "header");
    byte[] signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
    return new CompactJws(headerJson, payload, signature, signingInput);
  }

  private static byte[] decode(String part, String what) throws JwtException {
    try {
      return Base64Url.decode(part);
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not base64url without padding (RFC 7515 §2)");
    }
  }

  private static JwtException malformed(String message) {
    return new JwtException(JwtException.Reason.MALFORMED, message);
  }
}
