package io.idbridge.password;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies stored password hashes in their standard string formats and creates new argon2id ones,
 * admitting each computation by count and memory.
 */
public final class PasswordHashes {

  private static final System.Logger LOG = System.getLogger(PasswordHashes.class.getName());

  private final PasswordConfig config;
  private final Argon2Engine argon2;
  private final HashPermits permits;
  private final HashTiming timing;
  private final SecureRandom random = new SecureRandom();
  private final Argon2Hash dummy;

  public PasswordHashes(PasswordConfig config) {
    this(config, HashTiming.NONE);
  }

  public PasswordHashes(PasswordConfig config, HashTiming timing) {
    this(config, Argon2Engines.current(), timing);
  }

  /**
   * Starts choosing the argon2 engine on another thread, so that loading libargon2 and checking its
   * reference vector (a few hundred ms) overlap the rest of start-up instead of adding to it.
   */
  public static void chooseEngineInBackground() {
    Thread chooser = new Thread(Argon2Engines::current, "argon2-engine-choice");
    chooser.setDaemon(true);
    chooser.start();
  }

  /** Tests choose the engine: Bouncy Castle beside libargon2, or one that counts or blocks. */
  PasswordHashes(PasswordConfig config, Argon2Engine argon2) {
    this(config, argon2, HashTiming.NONE);
  }

  private PasswordHashes(PasswordConfig config, Argon2Engine argon2, HashTiming timing) {
    this.config = Objects.requireNonNull(config, "config");
    this.argon2 = Objects.requireNonNull(argon2, "argon2");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.permits =
        new HashPermits(
            config.maxConcurrentHashes(), config.maxMemoryKib(), config.maxQueuedHashes());
    // A random password nobody knows: verifyDummy needs only the work, never a match.
    byte[] unknowable = new byte[16];
    random.nextBytes(unknowable);
    this.dummy =
        Argon2Hash.parse(
            Argon2Hash.create(HexFormat.of().formatHex(unknowable), config, random, argon2),
            argon2);
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
    if (!permits.canEverAdmit(stored.memoryKib())) {
      // Answered at once and as a wrong password (no enumeration): computing it would take more
      // memory than every hash at once may hold.
      LOG.log(
          Level.WARNING,
          "Stored password hash cannot be checked ({0}): it needs {1} KiB, more than"
              + " password.maxMemory allows ({2} KiB); answered as a wrong password",
          format,
          stored.memoryKib(),
          config.maxMemoryKib());
      return false;
    }
    return run(format, stored.memoryKib(), () -> stored.matches(password)).orElse(false);
  }

  /**
   * A new hash in the default format (argon2id PHC string with the configured parameters, random
   * 16-byte salt, 32-byte output).
   */
  public String hash(String password) {
    Objects.requireNonNull(password, "password");
    return run(
            HashFormat.ARGON2ID,
            config.argon2MemoryKib(),
            () -> Argon2Hash.create(password, config, random, argon2))
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
      return !Argon2Hash.parse(encoded, argon2).isAtLeast(config);
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
    run(HashFormat.ARGON2ID, dummy.memoryKib(), () -> dummy.matches(password));
  }

  /** Under a permit, timed: how long it waited for the permit, and how long the hash ran. */
  private <T> Optional<T> run(HashFormat format, long costKib, Supplier<T> work) {
    long asked = System.nanoTime();
    return permits.run(
        costKib,
        () -> {
          long admitted = System.nanoTime();
          try {
            return work.get();
          } finally {
            timing.record(format, admitted - asked, System.nanoTime() - admitted);
          }
        });
  }

  /** Which argon2 runs, and how many hashes run and wait now: for {@code /health}. */
  public HashingStatus status() {
    return new HashingStatus(
        "argon2id " + argon2.description(), permits.running(), permits.waiting());
  }

  /** Which format an encoded string is, or UNKNOWN. */
  public static HashFormat formatOf(String encoded) {
    if (encoded == null) {
      return HashFormat.UNKNOWN;
    }
    if (encoded.startsWith(Argon2Hash.ARGON2ID_PREFIX)) {
      return HashFormat.ARGON2ID;
    }
    if (encoded.startsWith(Argon2Hash.ARGON2I_PREFIX)) {
      return HashFormat.ARGON2I;
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
    if (encoded.startsWith(ShaCryptHash.Variant.SHA256.prefix)) {
      return HashFormat.SHA256_CRYPT;
    }
    if (encoded.startsWith(ShaCryptHash.Variant.SHA512.prefix)) {
      return HashFormat.SHA512_CRYPT;
    }
    return HashFormat.UNKNOWN;
  }

  /**
   * The dummy's encoded parameters, for tests that check it costs what a default-format hash costs.
   */
  Argon2Hash dummy() {
    return dummy;
  }

  private StoredHash parse(HashFormat format, String encoded) {
    return switch (format) {
      case ARGON2ID, ARGON2I -> Argon2Hash.parse(encoded, argon2);
      case BCRYPT -> BcryptHash.parse(encoded);
      case PBKDF2_SHA256, PBKDF2_SHA512 -> Pbkdf2Hash.parse(encoded);
      case DJANGO_PBKDF2_SHA256 -> DjangoPbkdf2Hash.parse(encoded);
      case SHA256_CRYPT -> ShaCryptHash.parse(ShaCryptHash.Variant.SHA256, encoded);
      case SHA512_CRYPT -> ShaCryptHash.parse(ShaCryptHash.Variant.SHA512, encoded);
      case UNKNOWN -> throw new UnusableHashException("unknown format");
    };
  }
}
