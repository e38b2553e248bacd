package io.idbridge.password;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2-HMAC-SHA256/512 hash in the PHC-style form {@code
 * $pbkdf2-sha256$i=<n>,l=<len>$<salt>$<hash>} or passlib's form {@code
 * $pbkdf2-sha256$<n>$<salt>$<hash>}.
 */
record Pbkdf2Hash(String algorithm, int iterations, byte[] salt, byte[] hash)
    implements StoredHash {

  static final String SHA256_PREFIX = "$pbkdf2-sha256$";
  static final String SHA512_PREFIX = "$pbkdf2-sha512$";

  /** Ten million iterations take seconds; beyond it a stored hash is treated as hostile. */
  static final int MAX_ITERATIONS = 10_000_000;

  // Each extra output block costs another full run of the iterations, so the length is bounded too.
  private static final int MIN_HASH_BYTES = 16;
  private static final int MAX_HASH_BYTES = 256;
  private static final int MAX_SALT_BYTES = 1024;

  static Pbkdf2Hash parse(String encoded) {
    String[] fields = encoded.split("\\$", -1);
    if (fields.length != 5 || !fields[0].isEmpty()) {
      throw new UnusableHashException("not a $pbkdf2-<digest>$<params>$<salt>$<hash> string");
    }
    String algorithm =
        switch (fields[1]) {
          case "pbkdf2-sha256" -> "PBKDF2WithHmacSHA256";
          case "pbkdf2-sha512" -> "PBKDF2WithHmacSHA512";
          default -> throw new UnusableHashException("not pbkdf2-sha256 or pbkdf2-sha512");
        };
    return fields[2].startsWith("i=")
        ? parsePhc(algorithm, fields[2], fields[3], fields[4])
        : parsePasslib(algorithm, fields[2], fields[3], fields[4]);
  }

  /** Shared with the Django format, which is the same derivation written differently. */
  static Pbkdf2Hash of(String algorithm, long iterations, byte[] salt, byte[] hash) {
    int checked = HashFields.within(iterations, 1, MAX_ITERATIONS, "pbkdf2 iterations");
    // PBEKeySpec refuses an empty salt.
    HashFields.within(salt.length, 1, MAX_SALT_BYTES, "pbkdf2 salt length");
    HashFields.within(hash.length, MIN_HASH_BYTES, MAX_HASH_BYTES, "pbkdf2 hash length");
    return new Pbkdf2Hash(algorithm, checked, salt, hash);
  }

  private static Pbkdf2Hash parsePhc(String algorithm, String params, String salt, String hash) {
    // PHC string format parameters: i=<iterations>, optionally ,l=<derived key length in bytes>.
    String[] pairs = params.split(",", -1);
    if (pairs.length > 2 || (pairs.length == 2 && !pairs[1].startsWith("l="))) {
      throw new UnusableHashException("pbkdf2 parameters are not i= with an optional l=");
    }
    long iterations = HashFields.decimal(pairs[0].substring(2), "pbkdf2 i");
    byte[] hashBytes = HashFields.phcBase64(hash, "pbkdf2 hash");
    if (pairs.length == 2
        && HashFields.decimal(pairs[1].substring(2), "pbkdf2 l") != hashBytes.length) {
      throw new UnusableHashException("pbkdf2 l= does not match the hash length");
    }
    return of(algorithm, iterations, HashFields.phcBase64(salt, "pbkdf2 salt"), hashBytes);
  }

  private static Pbkdf2Hash parsePasslib(
      String algorithm, String rounds, String salt, String hash) {
    // passlib.hash.pbkdf2_sha256/512: rounds as a decimal, salt and checksum in adapted base64.
    return of(
        algorithm,
        HashFields.decimal(rounds, "pbkdf2 rounds"),
        HashFields.passlibBase64(salt, "pbkdf2 salt"),
        HashFields.passlibBase64(hash, "pbkdf2 hash"));
  }

  @Override
  public boolean matches(String password) {
    // SunJCE's PBKDF2KeyImpl encodes the char[] as UTF-8, as passlib and Django encode passwords.
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, hash.length * 8);
    try {
      byte[] derived = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
      return MessageDigest.isEqual(derived, hash);
    } catch (GeneralSecurityException e) {
      // Java SE 17's Security Standard Algorithm Names require both in every runtime.
      throw new IllegalStateException(algorithm + " unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }
}
