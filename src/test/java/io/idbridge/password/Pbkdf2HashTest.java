package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Pbkdf2HashTest {

  // passlib tests: pbkdf2_sha256_test / pbkdf2_sha512_test known_correct_hashes.
  private static final String UPASS_WAV = "\u0399\u03c9\u03b1\u03bd\u03bd\u03b7\u03c2";
  private static final String PASSLIB_SHA256 =
      "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ";
  private static final String PASSLIB_SHA256_UNICODE =
      "$pbkdf2-sha256$1212$3SABFJGDtyhrQMVt1uABPw$WyaUoqCLgvz97s523nF4iuOqZNbp5Nt8do/cuaa7AiI";
  private static final String PASSLIB_SHA512 =
      "$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI"
          + ".BzY/YTNJOiKc5gBYFYGww";
  private static final String PASSLIB_SHA512_UNICODE =
      "$pbkdf2-sha512$1212$KkbvoKGsAIcF8IslDR6skQ$8be/PRmd88Ps8fmPowCJttH9G3vgxpG.Krjt3KT.NP6cKJ0V4Prarqf.HBwz0dCk"
          + "J6xgWnSj2ynXSV7MlvMa8Q";

  // Computed independently with Python's hashlib.pbkdf2_hmac(digest, password.encode("utf-8"),
  // bytes(range(1, 17)), 1000, length), written as PHC B64 (standard alphabet, no padding).
  private static final String UPASS_TABLE = "t\u00e1\u0411\u2113\u0259";
  private static final String PHC_SHA256 =
      "$pbkdf2-sha256$i=1000,l=32$AQIDBAUGBwgJCgsMDQ4PEA$Ac7Gn+2Nev1sVDS9Oc+xx6Q66Xzj33qF8YexXMp2EGo";
  private static final String PHC_SHA256_UNICODE =
      "$pbkdf2-sha256$i=1000,l=32$AQIDBAUGBwgJCgsMDQ4PEA$FHM3h7BOMFNVNuP9V+0DN7Px9zqT8Yt9REy9fhwGxPw";
  private static final String PHC_SHA512 =
      "$pbkdf2-sha512$i=1000,l=64$AQIDBAUGBwgJCgsMDQ4PEA$ymnV4OezvNrY8xIiTg4jqRkGLwBcm85oFZ02CPp85zKiOZNCIFvorec3E"
          + "LLw0I6KJf3YU6PJs+ZnNBpRzbV3Nw";
  private static final String PHC_SHA512_UNICODE =
      "$pbkdf2-sha512$i=1000,l=64$AQIDBAUGBwgJCgsMDQ4PEA$gNGfsCUmb1/eJClvPNKmiex4J6U4ZurChX9zcB9DBrrfw/JFLfW6jFdpj"
          + "+aBjB2CU9m+6l7xg0squuWJxF+ZjA";

  private final PasswordHashes hashes = new PasswordHashes(new PasswordConfig(64, 1, 1, 2));

  @Test
  void verifiesPasslibSha256Vector() {
    assertTrue(hashes.verify("password", PASSLIB_SHA256));
    assertFalse(hashes.verify("passwore", PASSLIB_SHA256));
  }

  @Test
  void verifiesPasslibSha256NonAsciiVector() {
    assertTrue(hashes.verify(UPASS_WAV, PASSLIB_SHA256_UNICODE));
    assertFalse(
        hashes.verify(UPASS_WAV.toLowerCase(java.util.Locale.ROOT), PASSLIB_SHA256_UNICODE));
  }

  @Test
  void verifiesPasslibSha512Vector() {
    assertTrue(hashes.verify("password", PASSLIB_SHA512));
    assertFalse(hashes.verify("password ", PASSLIB_SHA512));
  }

  @Test
  void verifiesPasslibSha512NonAsciiVector() {
    assertTrue(hashes.verify(UPASS_WAV, PASSLIB_SHA512_UNICODE));
    assertFalse(hashes.verify("password", PASSLIB_SHA512_UNICODE));
  }

  @Test
  void verifiesPhcSha256Vector() {
    assertTrue(hashes.verify("password", PHC_SHA256));
    assertFalse(hashes.verify("Password", PHC_SHA256));
  }

  @Test
  void verifiesPhcSha512Vector() {
    assertTrue(hashes.verify("password", PHC_SHA512));
    assertFalse(hashes.verify("Password", PHC_SHA512));
  }

  @Test
  void verifiesPhcNonAsciiVectors() {
    assertTrue(hashes.verify(UPASS_TABLE, PHC_SHA256_UNICODE));
    assertTrue(hashes.verify(UPASS_TABLE, PHC_SHA512_UNICODE));
    assertFalse(hashes.verify("t\u00e1\u0411l\u0259", PHC_SHA256_UNICODE));
  }

  @Test
  void verifiesPhcWithoutTheOptionalLength() {
    assertTrue(hashes.verify("password", PHC_SHA256.replace(",l=32", "")));
  }

  @Test
  void refusesALengthThatDisagreesWithTheHash() {
    assertFalse(hashes.verify("password", PHC_SHA256.replace("l=32", "l=16")));
  }

  @Test
  void refusesADigestSwappedInThePrefix() {
    // The SHA-256 hash read as SHA-512 would derive 32 different bytes.
    assertFalse(hashes.verify("password", PHC_SHA256.replace("sha256", "sha512")));
  }

  @Test
  void refusesZeroPaddedRounds() {
    // passlib pbkdf2 known_malformed_hashes: "zero padded rounds field".
    assertFalse(hashes.verify("password", PASSLIB_SHA256.replace("$1212$", "$01212$")));
  }

  @Test
  void refusesMoreThanTenMillionIterationsWithoutComputingThem() {
    assertFalse(hashes.verify("password", PASSLIB_SHA256.replace("$1212$", "$10000001$")));
    assertFalse(hashes.verify("password", PHC_SHA256.replace("i=1000", "i=2147483647")));
  }

  @Test
  void refusesZeroIterationsAndNegativeOnes() {
    assertFalse(hashes.verify("password", PHC_SHA256.replace("i=1000", "i=0")));
    assertFalse(hashes.verify("password", PHC_SHA256.replace("i=1000", "i=-1000")));
  }

  @Test
  void refusesAnAlphabetMixUp() {
    // passlib's hash written with '+' (standard base64) is not its adapted base64.
    assertFalse(hashes.verify("password", PASSLIB_SHA256.replace('.', '+')));
    // A PHC hash written with passlib's '.' is not B64.
    assertFalse(hashes.verify("password", PHC_SHA256.replace('+', '.')));
  }

  @Test
  void refusesMissingAndExtraFields() {
    assertFalse(hashes.verify("password", "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw"));
    assertFalse(hashes.verify("password", PASSLIB_SHA256 + "$"));
    assertFalse(
        hashes.verify(
            "password", "$pbkdf2-sha256$1212$$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ"));
  }
}
