package io.idbridge.password;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Strict readers for the fields of stored hash strings, shared by the format classes. */
final class HashFields {

  private HashFields() {}

  /** Passwords are hashed as their UTF-8 bytes, as passlib, Django, PHP and the argon2 CLI do. */
  static byte[] utf8(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A decimal without sign or leading zeros: the PHC string format's rule for numbers, and
   * passlib's (which treats zero-padded rounds as malformed).
   */
  static long decimal(String field, String what) {
    if (field.isEmpty() || field.length() > 18 || (field.length() > 1 && field.charAt(0) == '0')) {
      throw new UnusableHashException(what + " is not a plain decimal");
    }
    for (int i = 0; i < field.length(); i++) {
      if (field.charAt(i) < '0' || field.charAt(i) > '9') {
        throw new UnusableHashException(what + " is not a plain decimal");
      }
    }
    return Long.parseLong(field);
  }

  /** A value within bounds: past the maximum, bad stored data would cost unbounded work. */
  static int within(long value, long min, long max, String what) {
    if (value < min) {
      throw new UnusableHashException(what + " " + value + " is below " + min);
    }
    if (value > max) {
      throw new UnusableHashException(what + " " + value + " exceeds the limit of " + max);
    }
    return (int) value;
  }

  /** PHC string format "B64": the standard alphabet with the padding left off. */
  static byte[] phcBase64(String field, String what) {
    if (field.indexOf('=') >= 0) {
      throw new UnusableHashException(what + " is padded, which the PHC format forbids");
    }
    return decode(field, what);
  }

  /**
   * Passlib's "adapted base64" (passlib.utils.binary.ab64_decode): '.' in place of '+', no padding.
   */
  static byte[] passlibBase64(String field, String what) {
    if (field.indexOf('+') >= 0 || field.indexOf('=') >= 0) {
      throw new UnusableHashException(what + " is not passlib's adapted base64");
    }
    return decode(field.replace('.', '+'), what);
  }

  /** Standard base64 with padding, as Django writes the derived key. */
  static byte[] paddedBase64(String field, String what) {
    if (field.length() % 4 != 0) {
      throw new UnusableHashException(what + " is not padded base64");
    }
    return decode(field, what);
  }

  private static byte[] decode(String field, String what) {
    try {
      return Base64.getDecoder().decode(field);
    } catch (IllegalArgumentException e) {
      throw new UnusableHashException(what + " is not valid base64");
    }
  }
}
