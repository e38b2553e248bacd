package io.idbridge.password;

import io.idbridge.config.ConfigReader;

/**
 * Settings for new hashes and for admitting hashes to run: how many at once, how many may wait, and
 * how much memory those running may hold together.
 */
public record PasswordConfig(
    int argon2MemoryKib,
    int argon2Iterations,
    int argon2Parallelism,
    int maxConcurrentHashes,
    int maxQueuedHashes,
    long maxMemoryKib) {

  public PasswordConfig {
    // RFC 9106 §3.1: p >= 1 and m >= 8*p KiB. The upper bounds are the ones verify accepts from
    // stored hashes, so every hash we create is one we can verify.
    require(argon2Parallelism, 1, Argon2Hash.MAX_PARALLELISM, "argon2Parallelism");
    require(argon2MemoryKib, 8L * argon2Parallelism, Argon2Hash.MAX_MEMORY_KIB, "argon2MemoryKib");
    require(argon2Iterations, 1, Argon2Hash.MAX_ITERATIONS, "argon2Iterations");
    require(maxConcurrentHashes, 1, Integer.MAX_VALUE, "maxConcurrentHashes");
    require(maxQueuedHashes, 0, Integer.MAX_VALUE, "maxQueuedHashes");
    // Below the configured cost, no new hash and no unknown user's dummy check could ever run.
    require(maxMemoryKib, argon2MemoryKib, Long.MAX_VALUE, "maxMemoryKib");
  }

  /**
   * Hashing for a caller that brings its own few threads (the CLI, tests): no bound on waiting and
   * the default memory budget.
   */
  public PasswordConfig(
      int argon2MemoryKib, int argon2Iterations, int argon2Parallelism, int maxConcurrentHashes) {
    this(
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        maxConcurrentHashes,
        Integer.MAX_VALUE,
        defaultMaxMemoryKib(argon2MemoryKib));
  }

  /**
   * OWASP's argon2id recommendation: m=19456 KiB (19 MiB), t=2, p=1; concurrency = available
   * processors, four waiting per running hash, half the heap.
   */
  public static PasswordConfig defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    // OWASP Password Storage Cheat Sheet, "Argon2id": m=19456 (19 MiB), t=2, p=1.
    return new PasswordConfig(
        19456, 2, 1, cores, defaultMaxQueued(cores), defaultMaxMemoryKib(19456));
  }

  /** The {@code password.*} keys, each defaulting to {@link #defaults()}. */
  public static PasswordConfig from(ConfigReader r) {
    PasswordConfig d = defaults();
    int memoryKib = r.integer("password.argon2.memoryKib", d.argon2MemoryKib(), 8, 4 * 1024 * 1024);
    int concurrent = r.integer("password.maxConcurrent", d.maxConcurrentHashes(), 1, 1024);
    long maxMemoryKib = defaultMaxMemoryKib(memoryKib);
    int maxMemoryMib = r.integer("password.maxMemory", 0, 1, 1024 * 1024);
    if (maxMemoryMib > 0) {
      maxMemoryKib = maxMemoryMib * 1024L;
      if (maxMemoryKib < memoryKib) {
        r.problem(
            "password.maxMemory",
            "must hold at least one hash of password.argon2.memoryKib (" + memoryKib + " KiB)",
            Integer.toString(maxMemoryMib));
        maxMemoryKib = memoryKib;
      }
    }
    return new PasswordConfig(
        memoryKib,
        r.integer("password.argon2.iterations", d.argon2Iterations(), 1, 100),
        r.integer("password.argon2.parallelism", d.argon2Parallelism(), 1, 64),
        concurrent,
        r.integer("password.maxQueued", defaultMaxQueued(concurrent), 0, 100_000),
        maxMemoryKib);
  }

  /** Four waiting per running hash: a wait of a few hashes' time, then 503 rather than a queue. */
  private static int defaultMaxQueued(int maxConcurrentHashes) {
    return 4 * maxConcurrentHashes;
  }

  /**
   * Half the Java heap, and never less than one hash of the configured cost. Bouncy Castle's hashes
   * live on the heap beside everything else; libargon2's live outside it, so the heap the operator
   * gave the JVM is a conservative measure of what the process may use.
   */
  private static long defaultMaxMemoryKib(int argon2MemoryKib) {
    return Math.max(Runtime.getRuntime().maxMemory() / 2 / 1024, argon2MemoryKib);
  }

  private static void require(long value, long min, long max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be " + min + ".." + max + " (" + value + ")");
    }
  }
}
