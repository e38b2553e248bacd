package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DjangoPbkdf2HashTest {

  // Django's tests/auth_tests/test_hashers.py test_pbkdf2: make_password("lètmein", "seasalt",
  // "pbkdf2_sha256") with the iteration counts of Django 1.5 (10000) and 1.6 (12000).
  private static final String DJANGO_1_5 =
      "pbkdf2_sha256$10000$seasalt$CWWFdHOWwPnki7HvkcqN9iA2T3KLW1cf2uZ5kvArtVY=";
  private static final String DJANGO_1_6 =
      "pbkdf2_sha256$12000$seasalt$Ybw8zsFxqja97tY/o6G+Fy1ksY4U/Hw3DRrGED6Up4s=";

  private final PasswordHashes hashes = new PasswordHashes(new PasswordConfig(64, 1, 1, 2));

  @Test
  void verifiesDjangoTestVector() {
    assertTrue(hashes.verify("lètmein", DJANGO_1_5));
    assertFalse(hashes.verify("letmein", DJANGO_1_5));
  }

  @Test
  void verifiesDjangoTestVectorAtAnotherIterationCount() {
    assertTrue(hashes.verify("lètmein", DJANGO_1_6));
    assertFalse(hashes.verify("lètmein", DJANGO_1_6.replace("$12000$", "$10000$")));
  }

  @Test
  void usesTheSaltAsPlainText() {
    // The same hash with a different salt text must not verify.
    assertFalse(hashes.verify("lètmein", DJANGO_1_5.replace("seasalt", "seasalu")));
  }

  @Test
  void refusesMoreThanTenMillionIterations() {
    assertFalse(hashes.verify("lètmein", DJANGO_1_5.replace("$10000$", "$20000000$")));
  }

  @Test
  void refusesAHashThatIsNot32Bytes() {
    assertFalse(hashes.verify("lètmein", "pbkdf2_sha256$10000$seasalt$CWWFdHOWwPnki7HvkcqN9g=="));
  }

  @Test
  void refusesUnpaddedBase64AndMissingFields() {
    assertFalse(hashes.verify("lètmein", DJANGO_1_5.substring(0, DJANGO_1_5.length() - 1)));
    assertFalse(
        hashes.verify(
            "lètmein", "pbkdf2_sha256$10000$CWWFdHOWwPnki7HvkcqN9iA2T3KLW1cf2uZ5kvArtVY="));
    assertFalse(
        hashes.verify(
            "lètmein", "pbkdf2_sha256$10000$$CWWFdHOWwPnki7HvkcqN9iA2T3KLW1cf2uZ5kvArtVY="));
  }
}
