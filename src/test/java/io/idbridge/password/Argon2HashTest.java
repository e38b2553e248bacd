package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Argon2HashTest {

  // phc-winner-argon2 src/test.c, Argon2id, version 0x13: hashtest(version, t, log2(m), p,
  // "password", "somesalt").
  private static final String REFERENCE_M256_T2_P1 =
      "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
  private static final String REFERENCE_M256_T2_P2 =
      "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc";
  private static final String REFERENCE_M65536_T2_P1 =
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

  // The reference implementation's CLI (Debian package argon2 0~20171227):
  // printf 'p\xc3\xa4ssw\xc3\xb6rd' | argon2 somesalt -id -t 2 -m 8 -p 1 -e
  private static final String REFERENCE_CLI_NON_ASCII =
      "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$4F2TCxUY1+2zkOdAJJ7d8WbVmeq4QSuRfW7CUWcw8A8";

  private final PasswordConfig config = new PasswordConfig(64, 3, 2, 2);
  private final PasswordHashes hashes = new PasswordHashes(config);

  @Test
  void verifiesReferenceVectorWithOneLane() {
    assertTrue(hashes.verify("password", REFERENCE_M256_T2_P1));
    assertFalse(hashes.verify("differentpassword", REFERENCE_M256_T2_P1));
  }

  @Test
  void verifiesReferenceVectorWithTwoLanes() {
    assertTrue(hashes.verify("password", REFERENCE_M256_T2_P2));
    assertFalse(hashes.verify("Password", REFERENCE_M256_T2_P2));
  }

  @Test
  void verifiesReferenceVectorWith64MiB() {
    assertTrue(hashes.verify("password", REFERENCE_M65536_T2_P1));
  }

  @Test
  void verifiesNonAsciiPasswordAsUtf8() {
    assertTrue(hashes.verify("pässwörd", REFERENCE_CLI_NON_ASCII));
    assertFalse(hashes.verify("passwörd", REFERENCE_CLI_NON_ASCII));
  }

  @Test
  void hashIsPhcStringWithConfiguredParameters() {
    String encoded = hashes.hash("correct horse");

    // 16 bytes of salt and 32 of hash are 22 and 43 characters of unpadded base64.
    assertTrue(
        encoded.matches(
            "\\$argon2id\\$v=19\\$m=64,t=3,p=2\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"),
        encoded);
    assertEquals(HashFormat.ARGON2ID, PasswordHashes.formatOf(encoded));
  }

  @Test
  void hashVerifiesWithItsPasswordOnly() {
    String encoded = hashes.hash("correct horse");

    assertTrue(hashes.verify("correct horse", encoded));
    assertFalse(hashes.verify("correct horse ", encoded));
    assertFalse(hashes.verify("", encoded));
  }

  @Test
  void hashRoundTripsNonAsciiPassword() {
    String encoded = hashes.hash("táБℓə 🔑");

    assertTrue(hashes.verify("táБℓə 🔑", encoded));
    assertFalse(hashes.verify("taБℓə 🔑", encoded));
  }

  @Test
  void hashUsesAFreshSaltEachTime() {
    assertNotEquals(hashes.hash("same"), hashes.hash("same"));
  }

  @Test
  void needsNoRehashWithTheConfiguredParameters() {
    assertFalse(hashes.needsRehash(hashes.hash("pw")));
  }

  @Test
  void needsNoRehashWithStrongerParameters() {
    PasswordHashes weaker = new PasswordHashes(new PasswordConfig(16, 1, 1, 1));

    assertFalse(weaker.needsRehash(REFERENCE_M256_T2_P2));
  }

  @Test
  void needsRehashWhenMemoryIsBelowTheConfiguredAmount() {
    PasswordHashes stronger = new PasswordHashes(new PasswordConfig(512, 2, 1, 1));

    assertTrue(stronger.needsRehash(REFERENCE_M256_T2_P1));
  }

  @Test
  void needsRehashWhenIterationsAreBelowTheConfiguredCount() {
    PasswordHashes stronger = new PasswordHashes(new PasswordConfig(256, 3, 1, 1));

    assertTrue(stronger.needsRehash(REFERENCE_M256_T2_P1));
  }

  @Test
  void needsRehashWhenParallelismIsBelowTheConfiguredLanes() {
    PasswordHashes stronger = new PasswordHashes(new PasswordConfig(256, 2, 2, 1));

    assertTrue(stronger.needsRehash(REFERENCE_M256_T2_P1));
    assertFalse(stronger.needsRehash(REFERENCE_M256_T2_P2));
  }

  @Test
  void refusesMemoryAbove4GiBWithoutAllocatingIt() {
    String absurd =
        "$argon2id$v=19$m=4194305,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

    assertFalse(hashes.verify("password", absurd));
    assertTrue(hashes.needsRehash(absurd));
  }

  @Test
  void refusesAbsurdIterationsAndParallelism() {
    assertFalse(
        hashes.verify(
            "password",
            "$argon2id$v=19$m=256,t=4294967295,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));
    assertFalse(
        hashes.verify(
            "password",
            "$argon2id$v=19$m=1048576,t=2,p=16777215$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));
  }

  @Test
  void refusesMemoryBelowEightBlocksPerLane() {
    // RFC 9106 §3.1: m >= 8*p.
    assertFalse(
        hashes.verify(
            "password",
            "$argon2id$v=19$m=15,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc"));
  }

  @Test
  void refusesVersion16AndAMissingVersion() {
    // argon2 CLI: echo -n password | argon2 somesalt -id -t 2 -m 8 -p 1 -v 10 -e
    String v16 =
        "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$2gcOV25Q8vOKPIl8vdxsf7QCjocJcf+erntOGHkpXm4";

    assertFalse(hashes.verify("password", v16));
    assertFalse(
        hashes.verify(
            "password",
            "$argon2id$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));
  }

  @Test
  void verifiesArgon2iFromTheReferenceCli() {
    // argon2 CLI: echo -n password | argon2 somesalt -i -t 2 -m 8 -p 1 -e
    String argon2i =
        "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8";

    assertEquals(HashFormat.ARGON2I, PasswordHashes.formatOf(argon2i));
    assertTrue(hashes.verify("password", argon2i));
    assertFalse(hashes.verify("Password", argon2i));
  }

  @Test
  void verifiesArgon2iReferenceVectorWith64MiB() {
    // phc-winner-argon2 src/test.c, Argon2i, version 0x13: hashtest(version, 2, 16, 1,
    // "password", "somesalt").
    assertTrue(
        hashes.verify(
            "password",
            "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"));
  }

  @Test
  void rehashesArgon2iToArgon2idWhateverItsCost() {
    PasswordHashes weaker = new PasswordHashes(new PasswordConfig(16, 1, 1, 1));

    assertTrue(
        weaker.needsRehash(
            "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8"));
  }

  @Test
  void refusesArgon2dAsAnUnknownFormat() {
    // argon2 CLI: echo -n password | argon2 somesalt -d -t 2 -m 8 -p 1 -e
    String argon2d =
        "$argon2d$v=19$m=256,t=2,p=1$c29tZXNhbHQ$JcTui6RIBUtJ78gE5Hi52CO+H5vS6Z9R1uxAB6OhUB8";

    assertEquals(HashFormat.UNKNOWN, PasswordHashes.formatOf(argon2d));
    assertFalse(hashes.verify("password", argon2d));
  }

  @Test
  void refusesATagShorterThan16Bytes() {
    // The first 8 bytes of the reference tag, with the salt and parameters that produced it.
    assertFalse(hashes.verify("password", "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQM"));
  }

  @Test
  void refusesPaddedBase64AndExtraParameters() {
    assertFalse(
        hashes.verify(
            "password",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ=$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));
    assertFalse(
        hashes.verify(
            "password",
            "$argon2id$v=19$m=256,t=2,p=1,keyid=AAAA$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));
  }
}
