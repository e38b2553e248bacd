package io.idbridge.jwt;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registered-claim checks of RFC 7519 §4.1 that {@link JwtVerifier} applies after the
 * signature.
 */
final class ClaimChecks {
  private ClaimChecks() {}

  static void checkTimes(
      Map<String, Object> claims, Instant now, Duration leeway, boolean requireExpiry)
      throws JwtException {
    BigDecimal nowSeconds = seconds(now);
    BigDecimal skew = seconds(leeway);
    Optional<BigDecimal> exp = numericDate(claims, "exp");
    if (exp.isEmpty() && requireExpiry) {
      throw new JwtException(JwtException.Reason.MISSING_CLAIM, "exp is required");
    }
    // RFC 7519 §4.1.4: the current time MUST be before exp.
    if (exp.isPresent() && nowSeconds.compareTo(exp.get().add(skew)) >= 0) {
      throw new JwtException(JwtException.Reason.EXPIRED, "token expired");
    }
    // RFC 7519 §4.1.5: the current time MUST be after or equal to nbf.
    Optional<BigDecimal> nbf = numericDate(claims, "nbf");
    if (nbf.isPresent() && nowSeconds.compareTo(nbf.get().subtract(skew)) < 0) {
      throw new JwtException(JwtException.Reason.NOT_YET_VALID, "token not valid yet (nbf)");
    }
    // RFC 7519 §4.1.6 only defines iat; one from the future means a wrong clock or a forged token.
    Optional<BigDecimal> iat = numericDate(claims, "iat");
    if (iat.isPresent() && iat.get().compareTo(nowSeconds.add(skew)) > 0) {
      throw new JwtException(JwtException.Reason.NOT_YET_VALID, "token issued in the future (iat)");
    }
  }

  static void checkIssuer(Map<String, Object> claims, String expected) throws JwtException {
    if (expected == null) {
      return;
    }
    Object iss = claims.get("iss");
    if (iss == null) {
      throw new JwtException(JwtException.Reason.MISSING_CLAIM, "iss is required");
    }
    // RFC 7519 §4.1.1: a case-sensitive string.
    if (!expected.equals(iss)) {
      throw new JwtException(JwtException.Reason.WRONG_ISSUER, "iss is not " + expected);
    }
  }

  static void checkAudience(Map<String, Object> claims, String expected) throws JwtException {
    if (expected == null) {
      return;
    }
    Object aud = claims.get("aud");
    if (aud == null) {
      throw new JwtException(JwtException.Reason.MISSING_CLAIM, "aud is required");
    }
    // RFC 7519 §4.1.3: an array of case-sensitive strings, or a single string.
    boolean found;
    if (aud instanceof String single) {
      found = single.equals(expected);
    } else if (aud instanceof List<?> list) {
      found = false;
      for (Object item : list) {
        if (!(item instanceof String)) {
          throw new JwtException(JwtException.Reason.MALFORMED, "aud holds a non-string");
        }
        found |= item.equals(expected);
      }
    } else {
      throw new JwtException(JwtException.Reason.MALFORMED, "aud is neither a string nor an array");
    }
    if (!found) {
      throw new JwtException(
          JwtException.Reason.WRONG_AUDIENCE, "aud does not include " + expected);
    }
  }

  /**
   * RFC 7515 §4.1.9: typ is a media type, compared case-insensitively (RFC 2045 §5.1), and
   * "application/" may be left out when no other '/' appears.
   */
  static boolean sameMediaType(String expected, String actual) {
    return shortForm(expected).equals(shortForm(actual));
  }

  private static String shortForm(String mediaType) {
    String lower = mediaType.toLowerCase(Locale.ROOT);
    String prefix = "application/";
    if (lower.startsWith(prefix) && lower.indexOf('/', prefix.length()) < 0) {
      return lower.substring(prefix.length());
    }
    return lower;
  }

  /** RFC 7519 §2 NumericDate: seconds since the epoch, possibly fractional. */
  private static Optional<BigDecimal> numericDate(Map<String, Object> claims, String name)
      throws JwtException {
    if (!claims.containsKey(name)) {
      return Optional.empty();
    }
    Object value = claims.get(name);
    if (!(value instanceof Number number)) {
      throw new JwtException(
          JwtException.Reason.MALFORMED, name + " is not a NumericDate (RFC 7519 §2)");
    }
    try {
      return Optional.of(new BigDecimal(number.toString()));
    } catch (NumberFormatException e) {
      throw new JwtException(
          JwtException.Reason.MALFORMED, name + " is not a NumericDate (RFC 7519 §2)");
    }
  }

  static BigDecimal seconds(Instant instant) {
    return BigDecimal.valueOf(instant.getEpochSecond())
        .add(BigDecimal.valueOf(instant.getNano(), 9));
  }

  private static BigDecimal seconds(Duration duration) {
    return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
  }
}
