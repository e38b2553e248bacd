package io.idbridge.mca;

import io.idbridge.http.HttpError;
import io.idbridge.http.RequestIds;
import io.idbridge.jwt.JwtException;
import io.idbridge.jwt.JwtVerifier;
import io.idbridge.jwt.Verifier;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * The optional check that MCA is the caller: the first token of {@code Authorization: Bearer <JWS>
 * [<JWS>]} must carry MCA's RS256 signature, an unexpired {@code exp} and {@code aud} equal to the
 * tenant id in the path, as IBM's server SDK checks it. Nothing presented gives 401, something
 * wrong 403, as the other callers' checks do.
 */
final class McaCaller {
  private static final System.Logger LOG = System.getLogger(McaCaller.class.getName());

  private final Optional<Verifier> key;
  private final Clock clock;

  McaCaller(Optional<Verifier> key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  void check(HttpServletRequest req, String tenant) {
    if (key.isEmpty()) {
      return;
    }
    String header = req.getHeader("Authorization");
    String[] tokens =
        header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? new String[] {""}
            : header.substring(7).trim().split("\\s+");
    if (tokens[0].isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO, RequestIds.current() + " mca caller rejected: no Bearer token");
      throw new HttpError(401, "caller_unauthorized", "the caller did not authenticate");
    }
    try {
      // The second token, when present, is the user's id token: MCA's business, not ours.
      JwtVerifier.builder().key(key.get()).audience(tenant).clock(clock).build().verify(tokens[0]);
    } catch (JwtException e) {
      LOG.log(
          System.Logger.Level.INFO, RequestIds.current() + " mca caller rejected: " + e.reason());
      throw new HttpError(403, "caller_forbidden", "the caller is not allowed");
    }
  }
}
