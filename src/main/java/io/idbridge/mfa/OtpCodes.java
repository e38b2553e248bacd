package io.idbridge.mfa;

import java.util.Locale;
import java.util.Optional;

/** One-time codes as clients send them, in a form field or as a JSON value. */
public final class OtpCodes {
  private OtpCodes() {}

  /**
   * The code a sent value stands for. A JSON number lost its leading zeros ({@code {"otp":21702}}
   * for {@code 021702}, one code in ten): a whole, non-negative one gets them back, up to {@code
   * digits} (issue 9 item 9). Text, and any other number, is taken as written ({@code -21702},
   * {@code 21702.0}, a number longer than the digits), which no code matches: refused as a wrong
   * code like any other.
   *
   * @param digits {@code mfa.totp.digits}
   * @return empty when nothing, or an object, array or boolean, was sent
   */
  public static Optional<String> of(Object sent, int digits) {
    if ((sent instanceof Integer || sent instanceof Long) && ((Number) sent).longValue() >= 0) {
      return Optional.of(
          String.format(Locale.ROOT, "%0" + digits + "d", ((Number) sent).longValue()));
    }
    return sent instanceof String || sent instanceof Number
        ? Optional.of(sent.toString())
        : Optional.empty();
  }
}
