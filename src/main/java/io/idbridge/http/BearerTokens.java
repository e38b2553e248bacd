package io.idbridge.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The token of an {@code Authorization: Bearer} header (RFC 6750 §2.1). */
public final class BearerTokens {
  private BearerTokens() {}

  public static Optional<String> of(HttpServletRequest req) {
    String header = req.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
