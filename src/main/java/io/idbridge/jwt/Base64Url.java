package io.idbridge.jwt;

import java.util.Base64;

/** Base64url without padding (RFC 7515 §2), decoded strictly. */
final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * The octets of {@code text}, refusing padding, characters outside the URL-safe alphabet (RFC
   * 4648 §5) and non-zero trailing bits, so each byte string has exactly one encoding.
   */
  static byte[] decode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        throw new IllegalArgumentException("not base64url without padding");
      }
    }
    if (text.length() % 4 == 1) {
      throw new IllegalArgumentException("impossible base64url length");
    }
    byte[] bytes = DECODER.decode(text);
    // RFC 4648 §3.5: decoders MAY reject non-zero pad bits; we do, so a token cannot be re-encoded.
    if (!encode(bytes).equals(text)) {
      throw new IllegalArgumentException("non-canonical base64url");
    }
    return bytes;
  }
}
