package io.idbridge.password;

import java.nio.charset.StandardCharsets;

/**
 * Reads Django's {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>} into the PBKDF2 it stands
 * for.
 */
final class DjangoPbkdf2Hash {

  static final String PREFIX = "pbkdf2_sha256$";

  // django.contrib.auth.hashers.PBKDF2PasswordHasher: dklen defaults to the SHA-256 digest size.
  private static final int HASH_BYTES = 32;

  private DjangoPbkdf2Hash() {}

  static Pbkdf2Hash parse(String encoded) {
    // PBKDF2PasswordHasher.decode splits on "$" into algorithm, iterations, salt, hash; the salt is
    // plain text (never base64) and is used as its UTF-8 bytes; the hash is standard base64 with
    // padding.
    String[] fields = encoded.split("\\$", -1);
    if (fields.length != 4 || !fields[0].equals("pbkdf2_sha256")) {
      throw new UnusableHashException("not a pbkdf2_sha256$<iterations>$<salt>$<hash> string");
    }
    byte[] hash = HashFields.paddedBase64(fields[3], "django hash");
    if (hash.length != HASH_BYTES) {
      throw new UnusableHashException("django hash is not 32 bytes");
    }
    return Pbkdf2Hash.of(
        "PBKDF2WithHmacSHA256",
        HashFields.decimal(fields[1], "django iterations"),
        fields[2].getBytes(StandardCharsets.UTF_8),
        hash);
  }
}
