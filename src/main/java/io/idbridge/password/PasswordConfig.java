package io.idbridge.password;

import io.idbridge.config.ConfigReader;

/** Settings for new hashes and for bounding concurrent hashing. */
public record PasswordConfig(
    int argon2MemoryKib, int argon2Iterations, int argon2Parallelism, int maxConcurrentHashes) {

  public PasswordConfig {
    // RFC 9106 §3.1: p >= 1 and m >= 8*p KiB. The upper bounds are the ones verify accepts from
    // stored hashes, so every hash we create is one we can verify.
    require(argon2Parallelism, 1, Argon2idHash.MAX_PARALLELISM, "argon2Parallelism");
    require(argon2MemoryKib, 8 * argon2Parallelism, Argon2idHash.MAX_MEMORY_KIB, "argon2MemoryKib");
    require(argon2Iterations, 1, Argon2idHash.MAX_ITERATIONS, "argon2Iterations");
    require(maxConcurrentHashes, 1, Integer.MAX_VALUE, "maxConcurrentHashes");
  }

  /**
   * OWASP's argon2id recommendation: m=19456 KiB (19 MiB), t=2, p=1; concurrency = available
   * processors.
   */
  public static PasswordConfig defaults() {
    // OWASP Password Storage Cheat Sheet, "Argon2id": m=19456 (19 MiB), t=2, p=1.
    return new PasswordConfig(19456, 2, 1, Runtime.getRuntime().availableProcessors());
  }

  /** The {@code password.*} keys, each defaulting to {@link #defaults()}. */
  public static PasswordConfig from(ConfigReader r) {
    PasswordConfig d = defaults();
    return new PasswordConfig(
        r.integer("password.argon2.memoryKib", d.argon2MemoryKib(), 8, 4 * 1024 * 1024),
        r.integer("password.argon2.iterations", d.argon2Iterations(), 1, 100),
        r.integer("password.argon2.parallelism", d.argon2Parallelism(), 1, 64),
        r.integer("password.maxConcurrent", d.maxConcurrentHashes(), 1, 1024));
  }

  private static void require(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be " + min + ".." + max + " (" + value + ")");
    }
  }
}
