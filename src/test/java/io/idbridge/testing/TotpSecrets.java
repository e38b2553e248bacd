package io.idbridge.testing;

import io.idbridge.mfa.Base32;
import io.idbridge.mfa.Totp;
import java.security.SecureRandom;
import java.time.Instant;

/** TOTP secrets that tests need codes of a certain kind from. */
public final class TotpSecrets {
  private TotpSecrets() {}

  /**
   * A new secret whose code at {@code at} starts with a zero, the code a JSON number loses a digit
   * of: one secret in ten, so a few tries find one.
   */
  public static String withLeadingZeroAt(Totp totp, Instant at) {
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[20];
    do {
      random.nextBytes(key);
    } while (totp.code(key, totp.step(at)).charAt(0) != '0');
    return Base32.encode(key);
  }
}
