package io.idbridge.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A SHA-512-crypt hash, {@code $6$[rounds=<n>$]<salt>$<hash>}, checked with Ulrich Drepper's
 * algorithm ("Unix crypt using SHA-256 and SHA-512",
 * https://www.akkadia.org/drepper/SHA-crypt.txt).
 */
record Sha512CryptHash(int rounds, byte[] salt, String hash) implements StoredHash {

  static final String PREFIX = "$6$";

  /** Ten million rounds take seconds; the spec allows 999999999, we treat more as hostile. */
  static final int MAX_ROUNDS = 10_000_000;

  // SHA-crypt.txt: rounds default to 5000, below 1000 become 1000; the salt is at most 16 bytes.
  private static final int DEFAULT_ROUNDS = 5000;
  private static final int MIN_ROUNDS = 1000;
  private static final int MAX_SALT_BYTES = 16;
  private static final String ROUNDS_PREFIX = "rounds=";

  // The crypt base64 alphabet; 64 bytes of SHA-512 output become 86 characters.
  private static final String ALPHABET =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern HASH = Pattern.compile("[./0-9A-Za-z]{86}");

  static Sha512CryptHash parse(String encoded) {
    if (!encoded.startsWith(PREFIX)) {
      throw new UnusableHashException("not a $6$ string");
    }
    String rest = encoded.substring(PREFIX.length());
    int rounds = DEFAULT_ROUNDS;
    if (rest.startsWith(ROUNDS_PREFIX)) {
      int end = rest.indexOf('$');
      if (end < 0) {
        throw new UnusableHashException("sha512-crypt rounds are not followed by a salt");
      }
      long requested =
          HashFields.decimal(rest.substring(ROUNDS_PREFIX.length(), end), "sha512-crypt rounds");
      // SHA-crypt.txt: "If the value is less than 1000, 1000 is used" (the rounds=10 vector).
      rounds =
          HashFields.within(
              Math.max(requested, MIN_ROUNDS), MIN_ROUNDS, MAX_ROUNDS, "sha512-crypt rounds");
      rest = rest.substring(end + 1);
    }
    int saltEnd = rest.indexOf('$');
    if (saltEnd < 0 || !HASH.matcher(rest.substring(saltEnd + 1)).matches()) {
      throw new UnusableHashException("sha512-crypt salt is not followed by an 86-character hash");
    }
    byte[] salt = rest.substring(0, saltEnd).getBytes(StandardCharsets.UTF_8);
    // crypt(3) reads at most 16 bytes of salt and ignores the rest.
    return new Sha512CryptHash(
        rounds,
        Arrays.copyOf(salt, Math.min(salt.length, MAX_SALT_BYTES)),
        rest.substring(saltEnd + 1));
  }

  @Override
  public boolean matches(String password) {
    String derived = encode(derive(HashFields.utf8(password), salt, rounds));
    // Constant time over the encoded form, which maps one to one onto the derived bytes.
    return MessageDigest.isEqual(
        derived.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
  }

  /** Steps 1 to 21 of SHA-crypt.txt's algorithm, for SHA-512. */
  static byte[] derive(byte[] key, byte[] salt, int rounds) {
    MessageDigest b = sha512(); // steps 4-8: digest B = key, salt, key
    b.update(key);
    b.update(salt);
    b.update(key);
    byte[] digestB = b.digest();

    MessageDigest a = sha512(); // steps 1-3: digest A starts with key, salt
    a.update(key);
    a.update(salt);
    int remaining =
        key.length; // steps 9-10: B once per whole 64-byte block of the key, then its first bytes
    for (; remaining > 64; remaining -= 64) {
      a.update(digestB, 0, 64);
    }
    a.update(digestB, 0, remaining);
    for (int bits = key.length;
        bits > 0;
        bits >>= 1) { // step 11: per bit of the key length, low bit first
      a.update((bits & 1) != 0 ? digestB : key);
    }
    byte[] digestA = a.digest(); // step 12

    MessageDigest dp = sha512(); // steps 13-15: digest DP = the key, once per byte of the key
    for (int i = 0; i < key.length; i++) {
      dp.update(key);
    }
    byte[] p = repeat(dp.digest(), key.length); // step 16

    MessageDigest ds = sha512(); // steps 17-19: digest DS = the salt, 16 + A[0] times
    for (int i = 0; i < 16 + (digestA[0] & 0xff); i++) {
      ds.update(salt);
    }
    byte[] s = repeat(ds.digest(), salt.length); // step 20

    byte[] c = digestA; // step 21: the rounds
    MessageDigest round = sha512();
    for (int i = 0; i < rounds; i++) {
      round.update((i & 1) != 0 ? p : c);
      if (i % 3 != 0) {
        round.update(s);
      }
      if (i % 7 != 0) {
        round.update(p);
      }
      round.update((i & 1) != 0 ? c : p);
      c = round.digest();
    }
    return c;
  }

  /** Step 22: the crypt base64 of the digest, in SHA-crypt.txt's byte order for SHA-512. */
  static String encode(byte[] c) {
    StringBuilder out = new StringBuilder(86);
    // The spec lists triples (0,21,42), (22,43,1), (44,2,23), (3,24,45), ...: byte i with i+21 and
    // i+42, the three rotated by i mod 3.
    for (int i = 0; i < 21; i++) {
      int x = i;
      int y = i + 21;
      int z = i + 42;
      switch (i % 3) {
        case 0 -> append(out, c[x], c[y], c[z], 4);
        case 1 -> append(out, c[y], c[z], c[x], 4);
        default -> append(out, c[z], c[x], c[y], 4);
      }
    }
    append(out, (byte) 0, (byte) 0, c[63], 2);
    return out.toString();
  }

  private static void append(StringBuilder out, byte high, byte mid, byte low, int chars) {
    int w = ((high & 0xff) << 16) | ((mid & 0xff) << 8) | (low & 0xff);
    for (int i = 0; i < chars; i++) { // least significant six bits first
      out.append(ALPHABET.charAt(w & 0x3f));
      w >>>= 6;
    }
  }

  private static byte[] repeat(byte[] digest, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = digest[i % digest.length];
    }
    return out;
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      // SHA-512 is mandatory in every Java SE runtime.
      throw new IllegalStateException(e);
    }
  }
}
