package io.idbridge.password;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;

/** Chooses the argon2 implementation once per JVM: libargon2 when it loads, else Bouncy Castle. */
final class Argon2Engines {

  private static final System.Logger LOG = System.getLogger(Argon2Engines.class.getName());

  // phc-winner-argon2 src/test.c, argon2id v=19 m=256 t=2 p=1 "password" "somesalt": checked at
  // start, so a library that loads but computes something else is never used.
  private static final Argon2Inputs SELF_TEST =
      Argon2Inputs.of(Argon2Type.ARGON2ID, 256, 2, 1, HashFields.utf8("somesalt"), 32);
  private static final byte[] SELF_TEST_TAG =
      HexFormat.of().parseHex("9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe");

  private Argon2Engines() {}

  /** The one engine of this JVM; the choice is logged once. */
  static Argon2Engine current() {
    return Chosen.ENGINE;
  }

  /**
   * Libargon2 from the loader if it loads and reproduces a reference vector, else Bouncy Castle.
   */
  static Argon2Engine choose(Supplier<Argon2Engine> nativeLoader) {
    try {
      Argon2Engine engine = nativeLoader.get();
      if (Arrays.equals(engine.derive(SELF_TEST, HashFields.utf8("password")), SELF_TEST_TAG)) {
        LOG.log(Level.INFO, "argon2: libargon2 (native)");
        return engine;
      }
      LOG.log(
          Level.WARNING,
          "argon2: libargon2 does not reproduce the reference test vector; hashing with Bouncy Castle"
              + " (slower, and each hash's memory on the Java heap)");
    } catch (LinkageError | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "argon2: libargon2 cannot be loaded ("
              + e
              + "); hashing with Bouncy Castle (slower, and each hash's memory on the Java heap)");
    }
    return new BouncyCastleArgon2();
  }

  /** Initialised on first use, once: the holder idiom makes the choice thread-safe and lazy. */
  private static final class Chosen {
    static final Argon2Engine ENGINE = choose(NativeArgon2::new);
  }
}
