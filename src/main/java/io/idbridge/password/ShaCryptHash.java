package io.idbridge.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A SHA-256-crypt or SHA-512-crypt hash, {@code $5$} or {@code $6$[rounds=<n>$]<salt>$<hash>},
 * checked with Ulrich Drepper's algorithm ("Unix crypt using SHA-256 and SHA-512",
 * https://www.akkadia.org/drepper/SHA-crypt.txt).
 */
record ShaCryptHash(Variant variant, int rounds, byte[] salt, String hash) implements StoredHash {

  /** The two digests of SHA-crypt.txt, with their prefix and the length of the encoded hash. */
  enum Variant {
    SHA256("$5$", "SHA-256", 43),
    SHA512("$6$", "SHA-512", 86);

    final String prefix;
    final String digest;
    final Pattern hash;

    Variant(String prefix, String digest, int encodedLength) {
      this.prefix = prefix;
      this.digest = digest;
      this.hash = Pattern.compile("[./0-9A-Za-z]{" + encodedLength + "}");
    }
  }

  /** Ten million rounds take seconds; the spec allows 999999999, we treat more as hostile. */
  static final int MAX_ROUNDS = 10_000_000;

  // SHA-crypt.txt: rounds default to 5000, below 1000 become 1000; the salt is at most 16 bytes.
  private static final int DEFAULT_ROUNDS = 5000;
  private static final int MIN_ROUNDS = 1000;
  private static final int MAX_SALT_BYTES = 16;
  private static final String ROUNDS_PREFIX = "rounds=";

  // The crypt base64 alphabet.
  private static final String ALPHABET =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  static ShaCryptHash parse(Variant variant, String encoded) {
    String name = variant == Variant.SHA256 ? "sha256-crypt" : "sha512-crypt";
    if (!encoded.startsWith(variant.prefix)) {
      throw new UnusableHashException("not a " + variant.prefix + " string");
    }
    String rest = encoded.substring(variant.prefix.length());
    int rounds = DEFAULT_ROUNDS;
    if (rest.startsWith(ROUNDS_PREFIX)) {
      int end = rest.indexOf('$');
      if (end < 0) {
        throw new UnusableHashException(name + " rounds are not followed by a salt");
      }
      long requested =
          HashFields.decimal(rest.substring(ROUNDS_PREFIX.length(), end), name + " rounds");
      // SHA-crypt.txt: "If the value is less than 1000, 1000 is used" (the rounds=10 vector).
      rounds =
          HashFields.within(
              Math.max(requested, MIN_ROUNDS), MIN_ROUNDS, MAX_ROUNDS, name + " rounds");
      rest = rest.substring(end + 1);
    }
    int saltEnd = rest.indexOf('$');
    if (saltEnd < 0 || !variant.hash.matcher(rest.substring(saltEnd + 1)).matches()) {
      throw new UnusableHashException(name + " salt is not followed by a hash of the right length");
    }
    byte[] salt = rest.substring(0, saltEnd).getBytes(StandardCharsets.UTF_8);
    // crypt(3) reads at most 16 bytes of salt and ignores the rest.
    return new ShaCryptHash(
        variant,
        rounds,
        Arrays.copyOf(salt, Math.min(salt.length, MAX_SALT_BYTES)),
        rest.substring(saltEnd + 1));
  }

  @Override
  public boolean matches(String password) {
    String derived = encode(derive(variant, HashFields.utf8(password), salt, rounds));
    // Constant time over the encoded form, which maps one to one onto the derived bytes.
    return MessageDigest.isEqual(
        derived.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
  }

  /** Steps 1 to 21 of SHA-crypt.txt's algorithm. */
  static byte[] derive(Variant variant, byte[] key, byte[] salt, int rounds) {
    MessageDigest b = digest(variant); // steps 4-8: digest B = key, salt, key
    b.update(key);
    b.update(salt);
    b.update(key);
    byte[] digestB = b.digest();
    int size = digestB.length;

    MessageDigest a = digest(variant); // steps 1-3: digest A starts with key, salt
    a.update(key);
    a.update(salt);
    int remaining =
        key.length; // steps 9-10: B once per whole block of the key, then its first bytes
    for (; remaining > size; remaining -= size) {
      a.update(digestB, 0, size);
    }
    a.update(digestB, 0, remaining);
    for (int bits = key.length; bits > 0; bits >>= 1) { // step 11: per bit of the length, low first
      a.update((bits & 1) != 0 ? digestB : key);
    }
    byte[] digestA = a.digest(); // step 12

    MessageDigest dp =
        digest(variant); // steps 13-15: digest DP = the key, once per byte of the key
    for (int i = 0; i < key.length; i++) {
      dp.update(key);
    }
    byte[] p = repeat(dp.digest(), key.length); // step 16

    MessageDigest ds = digest(variant); // steps 17-19: digest DS = the salt, 16 + A[0] times
    for (int i = 0; i < 16 + (digestA[0] & 0xff); i++) {
      ds.update(salt);
    }
    byte[] s = repeat(ds.digest(), salt.length); // step 20

    byte[] c = digestA; // step 21: the rounds
    MessageDigest round = digest(variant);
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

  /** Step 22: the crypt base64 of the digest, in SHA-crypt.txt's byte order for its length. */
  static String encode(byte[] c) {
    boolean sha512 = c.length == 64;
    StringBuilder out = new StringBuilder(sha512 ? 86 : 43);
    // The spec lists triples of byte i with i+n and i+2n (n = 21 for SHA-512, 10 for SHA-256),
    // rotated by i mod 3: (0,21,42), (22,43,1), (44,2,23) ... but (0,10,20), (21,1,11), (12,22,2)
    // ... for SHA-256, whose rotation runs the other way.
    int n = c.length / 3;
    for (int i = 0; i < n; i++) {
      byte x = c[i];
      byte y = c[i + n];
      byte z = c[i + 2 * n];
      switch (i % 3) {
        case 0 -> append(out, x, y, z, 4);
        case 1 -> append(out, sha512 ? y : z, sha512 ? z : x, sha512 ? x : y, 4);
        default -> append(out, sha512 ? z : y, sha512 ? x : z, sha512 ? y : x, 4);
      }
    }
    if (sha512) {
      append(out, (byte) 0, (byte) 0, c[63], 2);
    } else {
      append(out, (byte) 0, c[31], c[30], 3);
    }
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

  private static MessageDigest digest(Variant variant) {
    try {
      return MessageDigest.getInstance(variant.digest);
    } catch (NoSuchAlgorithmException e) {
      // SHA-256 and SHA-512 are mandatory in every Java SE runtime.
      throw new IllegalStateException(e);
    }
  }
}
