package io.idbridge.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * An argon2id or argon2i hash in the PHC string format, {@code
 * $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<tag>}, checked with the engine that parsed
 * it.
 */
record Argon2Hash(Argon2Inputs inputs, byte[] tag, Argon2Engine engine) implements StoredHash {

  static final String ARGON2ID_PREFIX = "$argon2id$";
  static final String ARGON2I_PREFIX = "$argon2i$";

  /** 4 GiB: beyond it a stored hash is treated as hostile rather than strong. */
  static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

  /** Fifty times OWASP's t=2; a stored t above it would tie a request thread up for minutes. */
  static final int MAX_ITERATIONS = 100;

  static final int MAX_PARALLELISM = 255;

  // RFC 9106 §3.1 allows salts from 8 bytes; §4 recommends 16 bytes of salt and a 32-byte tag.
  private static final int MIN_SALT_BYTES = 8;
  private static final int NEW_SALT_BYTES = 16;
  private static final int NEW_TAG_BYTES = 32;

  // RFC 9106 allows 4-byte tags, but so short a tag could be matched by chance: 16 is our floor.
  private static final int MIN_TAG_BYTES = 16;
  private static final int MAX_BYTES = 1024;

  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  static Argon2Hash parse(String encoded, Argon2Engine engine) {
    // PHC string format: $<id>$v=<version>$<param>=<value>(,<param>=<value>)*$<salt>$<hash>.
    String[] fields = encoded.split("\\$", -1);
    if (fields.length != 6 || !fields[0].isEmpty()) {
      throw new UnusableHashException("not an argon2 PHC string with version, salt and hash");
    }
    Argon2Type type =
        switch (fields[1]) {
          case "argon2id" -> Argon2Type.ARGON2ID;
          case "argon2i" -> Argon2Type.ARGON2I;
          default -> throw new UnusableHashException("not argon2id or argon2i");
        };
    // Version 19 (0x13) is RFC 9106's; the older 0x10 (written without v=) differs in how blocks
    // are overwritten.
    if (!fields[2].equals("v=19")) {
      throw new UnusableHashException("argon2 version is not v=19");
    }
    String[] params = fields[3].split(",", -1);
    // The reference encoder writes m, t, p in this order and nothing else (no keyid or data).
    if (params.length != 3
        || !params[0].startsWith("m=")
        || !params[1].startsWith("t=")
        || !params[2].startsWith("p=")) {
      throw new UnusableHashException("argon2 parameters are not m=,t=,p=");
    }
    int p = number(params[2], 1, MAX_PARALLELISM);
    int m = number(params[0], 8L * p, MAX_MEMORY_KIB);
    int t = number(params[1], 1, MAX_ITERATIONS);
    byte[] salt = HashFields.phcBase64(fields[4], "argon2 salt");
    byte[] tag = HashFields.phcBase64(fields[5], "argon2 hash");
    HashFields.within(salt.length, MIN_SALT_BYTES, MAX_BYTES, "argon2 salt length");
    HashFields.within(tag.length, MIN_TAG_BYTES, MAX_BYTES, "argon2 hash length");
    return new Argon2Hash(Argon2Inputs.of(type, m, t, p, salt, tag.length), tag, engine);
  }

  /** A new argon2id hash with the configured parameters, a random 16-byte salt, a 32-byte tag. */
  static String create(
      String password, PasswordConfig config, SecureRandom random, Argon2Engine engine) {
    byte[] salt = new byte[NEW_SALT_BYTES];
    random.nextBytes(salt);
    Argon2Inputs inputs =
        Argon2Inputs.of(
            Argon2Type.ARGON2ID,
            config.argon2MemoryKib(),
            config.argon2Iterations(),
            config.argon2Parallelism(),
            salt,
            NEW_TAG_BYTES);
    byte[] tag = engine.derive(inputs, HashFields.utf8(password));
    // Locale.ROOT: some default locales would format %d with non-ASCII digits.
    return String.format(
        Locale.ROOT,
        "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s",
        inputs.memoryKib(),
        inputs.iterations(),
        inputs.parallelism(),
        B64.encodeToString(salt),
        B64.encodeToString(tag));
  }

  @Override
  public boolean matches(String password) {
    return MessageDigest.isEqual(engine.derive(inputs, HashFields.utf8(password)), tag);
  }

  @Override
  public long memoryKib() {
    return inputs.memoryKib();
  }

  /** True when this is argon2id and every cost parameter is at least the configured one. */
  boolean isAtLeast(PasswordConfig config) {
    return inputs.type() == Argon2Type.ARGON2ID
        && inputs.memoryKib() >= config.argon2MemoryKib()
        && inputs.iterations() >= config.argon2Iterations()
        && inputs.parallelism() >= config.argon2Parallelism();
  }

  /** The value of a {@code name=value} parameter, within bounds. */
  private static int number(String param, long min, long max) {
    String name = "argon2 " + param.charAt(0);
    return HashFields.within(HashFields.decimal(param.substring(2), name), min, max, name);
  }
}
