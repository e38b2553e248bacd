package io.idbridge.password;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Verifies stored password hashes in their standard string formats and creates new argon2id ones.
 */
public final class PasswordHashes {

  private static final System.Logger LOG = System.getLogger(PasswordHashes.class.getName());

  private final PasswordConfig config;
  private final Semaphore permits;
  private final SecureRandom random = new SecureRandom();
  private final Argon2idHash dummy;

  public PasswordHashes(PasswordConfig config) {
    this(config, new Semaphore(config.maxConcurrentHashes(), true));
  }

  /** Tests pass their own semaphore to observe the bound on concurrent hashing. */
  PasswordHashes(PasswordConfig config, Semaphore permits) {
    this.config = Objects.requireNonNull(config, "config");
    this.permits = Objects.requireNonNull(permits, "permits");
    // A random password nobody knows: verifyDummy needs only the work, never a match.
    byte[] unknowable = new byte[16];
    random.nextBytes(unknowable);
    this.dummy =
        Argon2idHash.parse(
            Argon2idHash.create(HexFormat.of().formatHex(unknowable), config, random));
  }

  /**
   * True when password matches encoded; false for a wrong password AND for an unparseable/unknown
   * format (never throws for bad stored data; log a warning without the hash). Constant-time
   * comparison of derived bytes.
   */
  public boolean verify(String password, String encoded) {
    Objects.requireNonNull(password, "password");
    HashFormat format = formatOf(encoded);
    StoredHash stored;
    try {
      stored = parse(format, encoded);
    } catch (UnusableHashException e) {
      // The reason may name a parameter but never quotes the hash, which is as secret as a
      // password.
      LOG.log(
          Level.WARNING,
          "Stored password hash cannot be checked ({0}): {1}",
          format,
          e.getMessage());
      // A broken record costs what a wrong password costs: timing says nothing about the store.
      verifyDummy(password);
      return false;
    }
    return withPermit(() -> stored.matches(password)).orElse(false);
  }

  /**
   * A new hash in the default format (argon2id PHC string with the configured parameters, random
   * 16-byte salt, 32-byte output).
   */
  public String hash(String password) {
    Objects.requireNonNull(password, "password");
    return withPermit(() -> Argon2idHash.create(password, config, random))
        .orElseThrow(
            () -> new IllegalStateException("interrupted while waiting to hash a password"));
  }

  /**
   * True when encoded is not argon2id with at least the configured parameters (so a login should
   * rehash it).
   */
  public boolean needsRehash(String encoded) {
    if (formatOf(encoded) != HashFormat.ARGON2ID) {
      return true;
    }
    try {
      return !Argon2idHash.parse(encoded).isAtLeast(config);
    } catch (UnusableHashException e) {
      return true;
    }
  }

  /**
   * Spends the same work as verifying against a real default-format hash, for unknown users (no
   * enumeration by timing).
   */
  public void verifyDummy(String password) {
    Objects.requireNonNull(password, "password");
    withPermit(() -> dummy.matches(password));
  }

  /** Which format an encoded string is, or UNKNOWN. */
  public static HashFormat formatOf(String encoded) {
    if (encoded == null) {
      return HashFormat.UNKNOWN;
    }
    if (encoded.startsWith(Argon2idHash.PREFIX)) {
      return HashFormat.ARGON2ID;
    }
    if (encoded.startsWith("$2a$") || encoded.startsWith("$2b$") || encoded.startsWith("$2y$")) {
      return HashFormat.BCRYPT;
    }
    if (encoded.startsWith(Pbkdf2Hash.SHA256_PREFIX)) {
      return HashFormat.PBKDF2_SHA256;
    }
    if (encoded.startsWith(Pbkdf2Hash.SHA512_PREFIX)) {
      return HashFormat.PBKDF2_SHA512;
    }
    if (encoded.startsWith(DjangoPbkdf2Hash.PREFIX)) {
      return HashFormat.DJANGO_PBKDF2_SHA256;
    }
    if (encoded.startsWith(Sha512CryptHash.PREFIX)) {
      return HashFormat.SHA512_CRYPT;
    }
    return HashFormat.UNKNOWN;
  }

  /**
   * The dummy's encoded parameters, for tests that check it costs what a default-format hash costs.
   */
  Argon2idHash dummy() {
    return dummy;
  }

  private static StoredHash parse(HashFormat format, String encoded) {
    return switch (format) {
      case ARGON2ID -> Argon2idHash.parse(encoded);
      case BCRYPT -> BcryptHash.parse(encoded);
      case PBKDF2_SHA256, PBKDF2_SHA512 -> Pbkdf2Hash.parse(encoded);
      case DJANGO_PBKDF2_SHA256 -> DjangoPbkdf2Hash.parse(encoded);
      case SHA512_CRYPT -> Sha512CryptHash.parse(encoded);
      case UNKNOWN -> throw new UnusableHashException("unknown format");
    };
  }

  /**
   * Runs expensive hashing under a permit: argon2 holds its memory for the whole computation, so
   * the number running at once bounds the heap it takes. Empty when interrupted while waiting, so
   * callers fail closed.
   */
  private <T> Optional<T> withPermit(Supplier<T> work) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      return Optional.of(work.get());
    } finally {
      permits.release();
    }
  }
}
