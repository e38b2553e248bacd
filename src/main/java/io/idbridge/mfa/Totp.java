package io.idbridge.mfa;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238): the codes of authenticator apps, and their check within
 * a window.
 */
public final class Totp {
  /** RFC 4226 §4 R6: a shared secret of at least 128 bits, 160 recommended. */
  static final int SECRET_BYTES = 20;

  private static final long[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private final TotpAlgorithm algorithm;
  private final int digits;
  private final long periodSeconds;
  private final int window;

  /**
   * @param digits 6 to 9: a 31-bit truncated HOTP value has at most 10 decimal digits, the first
   *     hardly random
   * @param window how many time steps either side of the current one are also accepted (clock
   *     drift, typing time)
   */
  public Totp(TotpAlgorithm algorithm, int digits, Duration period, int window) {
    if (digits < 6 || digits > 9 || period.getSeconds() < 1 || window < 0) {
      throw new IllegalArgumentException(
          "digits 6 to 9, a period of whole seconds, a window of 0 or more");
    }
    this.algorithm = algorithm;
    this.digits = digits;
    this.periodSeconds = period.getSeconds();
    this.window = window;
  }

  /** A new random secret in base32, as authenticator apps take it. */
  public static String newSecret(SecureRandom random) {
    byte[] key = new byte[SECRET_BYTES];
    random.nextBytes(key);
    return Base32.encode(key);
  }

  /** RFC 6238 §4.2: T = floor((Unix time - T0) / X), with T0 = 0. */
  public long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), periodSeconds);
  }

  /** When a time step stops being accepted: the start of the step one past the window after it. */
  public Instant acceptedUntil(long step) {
    return Instant.ofEpochSecond((step + window + 1) * periodSeconds);
  }

  /** The code of a key for a time step: HOTP (RFC 4226 §5.3) with the time step as its counter. */
  public String code(byte[] key, long step) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance(algorithm.mac());
      mac.init(new SecretKeySpec(key, algorithm.mac()));
      hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm.mac(), e);
    }
    // RFC 4226 §5.4: dynamic truncation; the offset is the low 4 bits of the last byte.
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    String value = Long.toString(binary % POWERS_OF_TEN[digits]);
    return "0".repeat(digits - value.length()) + value;
  }

  /**
   * The time steps in the window around {@code now} whose code equals {@code code}, the current
   * step first, then outwards. Every candidate is compared in full, in constant time, so timing
   * tells nothing about which matched.
   */
  public List<Long> matches(byte[] key, String code, Instant now) {
    List<Long> found = new ArrayList<>();
    if (code.length() != digits || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return found;
    }
    byte[] given = code.getBytes(StandardCharsets.US_ASCII);
    long current = step(now);
    for (int distance = 0; distance <= window; distance++) {
      for (long step :
          distance == 0
              ? new long[] {current}
              : new long[] {current - distance, current + distance}) {
        if (MessageDigest.isEqual(given, code(key, step).getBytes(StandardCharsets.US_ASCII))) {
          found.add(step);
        }
      }
    }
    return found;
  }

  /**
   * The Key URI of authenticator apps: {@code
   * otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=…&digits= …&period=…}, issuer and
   * account percent-encoded (a colon in either would split the label).
   */
  public String uri(String issuer, String account, String secret) {
    return "otpauth://totp/"
        + encode(issuer)
        + ":"
        + encode(account)
        + "?secret="
        + secret
        + "&issuer="
        + encode(issuer)
        + "&algorithm="
        + algorithm.name()
        + "&digits="
        + digits
        + "&period="
        + periodSeconds;
  }

  private static String encode(String s) {
    // URLEncoder writes form encoding; in a URI path and in apps' parsers a space is %20, not +.
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public int digits() {
    return digits;
  }
}
