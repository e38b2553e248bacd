package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Argon2EnginesTest {

  private final Argon2Engine nativeArgon2 = new NativeArgon2();
  private final Argon2Engine bouncyCastle = new BouncyCastleArgon2();

  enum Engine {
    NATIVE,
    BOUNCY_CASTLE
  }

  private Argon2Engine engine(Engine which) {
    return which == Engine.NATIVE ? nativeArgon2 : bouncyCastle;
  }

  // RFC 9106 §5.3 (Argon2id) and §5.2 (Argon2i): password 32 x 0x01, salt 16 x 0x02, secret
  // 8 x 0x03, associated data 12 x 0x04, m=32 KiB, t=3, p=4, a 32-byte tag.
  @ParameterizedTest
  @EnumSource(Engine.class)
  void reproducesRfc9106Argon2idVector(Engine which) {
    assertArrayEquals(
        hex("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"),
        engine(which).derive(rfc9106(Argon2Type.ARGON2ID), fill(32, 1)));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void reproducesRfc9106Argon2iVector(Engine which) {
    assertArrayEquals(
        hex("c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"),
        engine(which).derive(rfc9106(Argon2Type.ARGON2I), fill(32, 1)));
  }

  @Test
  void nativeAndBouncyCastleAgreeOnRandomPasswordsSaltsAndParameters() {
    // A fixed seed: a failure names a case that can be run again.
    Random random = new Random(20261204);
    for (int i = 0; i < 40; i++) {
      int p = 1 + random.nextInt(4);
      Argon2Inputs inputs =
          Argon2Inputs.of(
              random.nextBoolean() ? Argon2Type.ARGON2ID : Argon2Type.ARGON2I,
              8 * p + random.nextInt(2048),
              1 + random.nextInt(3),
              p,
              bytes(random, 8 + random.nextInt(57)),
              16 + random.nextInt(49));
      // Any bytes, empty included: a password is hashed as its UTF-8 bytes, whatever they are.
      byte[] password = bytes(random, random.nextInt(80));

      assertArrayEquals(
          bouncyCastle.derive(inputs, password),
          nativeArgon2.derive(inputs, password),
          "case " + i + ": " + describe(inputs));
    }
  }

  @Test
  void nativeEngineReproducesTheStoredPhcStringsOfToday() {
    // Created by Bouncy Castle, as every stored hash was until now.
    PasswordConfig config = new PasswordConfig(512, 2, 2, 1);
    String stored = new PasswordHashes(config, bouncyCastle).hash("correct horse battery");

    assertTrue(new PasswordHashes(config, nativeArgon2).verify("correct horse battery", stored));
  }

  @Test
  void choosesLibargon2WhenItLoads() {
    assertInstanceOf(NativeArgon2.class, Argon2Engines.choose(NativeArgon2::new));
    assertEquals("native", Argon2Engines.current().description(), "this build machine has it");
  }

  @Test
  void fallsBackToBouncyCastleWhenTheLibraryCannotLoad() {
    Argon2Engine chosen =
        Argon2Engines.choose(
            () -> {
              throw new UnsatisfiedLinkError("Unable to load library 'argon2'");
            });

    assertInstanceOf(BouncyCastleArgon2.class, chosen);
    assertEquals("bouncycastle (fallback)", chosen.description());
  }

  @Test
  void fallsBackToBouncyCastleWhenTheLibraryComputesSomethingElse() {
    Argon2Engine wrong =
        new Argon2Engine() {
          @Override
          public byte[] derive(Argon2Inputs inputs, byte[] password) {
            return new byte[inputs.tagLength()];
          }

          @Override
          public String description() {
            return "wrong";
          }
        };

    assertInstanceOf(BouncyCastleArgon2.class, Argon2Engines.choose(() -> wrong));
  }

  private static Argon2Inputs rfc9106(Argon2Type type) {
    return new Argon2Inputs(type, 32, 3, 4, fill(16, 2), fill(8, 3), fill(12, 4), 32);
  }

  private static String describe(Argon2Inputs in) {
    return in.type()
        + " m="
        + in.memoryKib()
        + " t="
        + in.iterations()
        + " p="
        + in.parallelism()
        + " salt="
        + HexFormat.of().formatHex(in.salt())
        + " length="
        + in.tagLength();
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] fill(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
