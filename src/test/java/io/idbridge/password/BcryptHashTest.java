package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BcryptHashTest {

  // Openwall crypt_blowfish wrapper.c test vectors, as carried by passlib's bcrypt tests.
  private static final String OPENWALL_U_U =
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
  private static final String OPENWALL_EMPTY =
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy";
  private static final String OPENWALL_LONG_PASSWORD =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are"
          + " ignored";
  private static final String OPENWALL_LONG =
      "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";

  // passlib tests/test_handlers_bcrypt.py, UPASS_TABLE ("ensures utf-8 used for unicode"), $2a$ and
  // $2b$ alike.
  private static final String UPASS_TABLE = "t\u00e1\u0411\u2113\u0259";
  private static final String PASSLIB_2A_UNICODE =
      "$2a$05$Z17AXnnlpzddNUvnC6cZNOSwMA/8oNiKnHTHTwLlBijfucQQlHjaG";
  private static final String PASSLIB_2B_UNICODE =
      "$2b$05$Z17AXnnlpzddNUvnC6cZNOSwMA/8oNiKnHTHTwLlBijfucQQlHjaG";

  // The PHP manual's password_verify() example.
  private static final String PHP_MANUAL_2Y =
      "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a";

  private final PasswordHashes hashes = new PasswordHashes(new PasswordConfig(64, 1, 1, 2));

  @Test
  void verifiesBcrypt2aVectorFromOpenwall() {
    assertTrue(hashes.verify("U*U", OPENWALL_U_U));
    assertFalse(hashes.verify("U*U*", OPENWALL_U_U));
  }

  @Test
  void verifiesEmptyPasswordVectorFromOpenwall() {
    assertTrue(hashes.verify("", OPENWALL_EMPTY));
    assertFalse(hashes.verify(" ", OPENWALL_EMPTY));
  }

  @Test
  void verifiesBcrypt2bVectorFromPasslib() {
    assertTrue(hashes.verify(UPASS_TABLE, PASSLIB_2B_UNICODE));
    assertFalse(hashes.verify("table", PASSLIB_2B_UNICODE));
  }

  @Test
  void verifiesNonAsciiPasswordAsUtf8() {
    assertTrue(hashes.verify(UPASS_TABLE, PASSLIB_2A_UNICODE));
    assertFalse(hashes.verify("t\u00e0\u0411\u2113\u0259", PASSLIB_2A_UNICODE));
  }

  @Test
  void verifiesBcrypt2yVectorFromPhpManual() {
    assertTrue(hashes.verify("rasmuslerdorf", PHP_MANUAL_2Y));
    assertFalse(hashes.verify("rasmuslerdorF", PHP_MANUAL_2Y));
  }

  @Test
  void ignoresBytesAfterThe72nd() {
    assertTrue(hashes.verify(OPENWALL_LONG_PASSWORD, OPENWALL_LONG));
    assertTrue(hashes.verify(OPENWALL_LONG_PASSWORD.substring(0, 72), OPENWALL_LONG));
    assertFalse(hashes.verify(OPENWALL_LONG_PASSWORD.substring(0, 71), OPENWALL_LONG));
    assertFalse(hashes.verify("X" + OPENWALL_LONG_PASSWORD.substring(1), OPENWALL_LONG));
  }

  @Test
  void refusesCostAbove20WithoutComputingIt() {
    // Cost 31 would take days; the hash is the Openwall vector's with only the cost changed.
    assertFalse(
        hashes.verify("U*U", "$2a$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
    assertFalse(
        hashes.verify("U*U", "$2a$21$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  }

  @Test
  void refusesCostBelow4() {
    assertFalse(
        hashes.verify("U*U", "$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  }

  @Test
  void refusesTheBuggy2xVariantAsUnknown() {
    // Openwall wrapper.c: "$2x$" marks hashes from the pre-2011 sign-extension bug.
    String buggy = "$2x$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e";

    assertEquals(HashFormat.UNKNOWN, PasswordHashes.formatOf(buggy));
    assertFalse(hashes.verify("U*U", buggy));
  }

  @Test
  void refusesMalformedStrings() {
    // passlib's known_malformed_hashes: a bad character, and a one-digit cost.
    assertFalse(
        hashes.verify("U*U", "$2a$12$EXRkfkdmXn!gzds2SSitu.MW9.gAVqa9eLS1//RYtYCmB1eLHg.9q"));
    assertFalse(hashes.verify("", "$2a$6$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."));
    assertFalse(hashes.verify("U*U", OPENWALL_U_U.substring(0, 59)));
    assertFalse(hashes.verify("U*U", OPENWALL_U_U + "."));
  }
}
