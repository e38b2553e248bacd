package io.idbridge.voltmx;

import io.idbridge.http.CallerAuthConfig;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestIds;
import io.idbridge.jwt.Jwt;
import io.idbridge.jwt.JwtException;
import io.idbridge.jwt.JwtVerifier;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;

/**
 * The user a Foundry claims token names: verified with Foundry's public key when one is configured,
 * otherwise believed only because the caller proved it is Foundry ({@code voltmx.caller.mode}).
 */
public final class ClaimsTokens {
  private static final System.Logger LOG = System.getLogger(ClaimsTokens.class.getName());

  /** The documented header and the older name deployed Foundry servers send. */
  private static final String[] HEADERS = {"X-VoltMX-Authorization", "X-Kony-Authorization"};

  /**
   * Client code reads the provider's user id from {@code _prov_userid}; the others are fallbacks.
   */
  private static final String[] USER_CLAIMS = {"_prov_userid", "user_id", "sub"};

  private final JwtVerifier verifier;
  private final boolean callerAuthenticated;

  public ClaimsTokens(VoltmxConfig config, CallerAuthConfig caller, Clock clock) {
    this.verifier =
        config.foundryKeys().isEmpty()
            ? null
            : JwtVerifier.builder().keys(config.foundryKeys()).clock(clock).build();
    this.callerAuthenticated = caller.mode() != CallerAuthConfig.Mode.NONE;
    if (verifier == null && !callerAuthenticated) {
      LOG.log(
          System.Logger.Level.WARNING,
          "neither voltmx.foundry.publicKey nor voltmx.caller.mode is set: "
              + "/voltmx/user-attributes and /voltmx/security-attributes refuse every claims token");
    } else if (verifier == null
        && caller.mode() == CallerAuthConfig.Mode.SECRET
        && !caller.secretField().isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Foundry sends provider settings (voltmx.caller.secret.field) with logins only: without "
              + "voltmx.foundry.publicKey its attribute calls are refused unless a proxy adds "
              + "the secret header");
    }
  }

  /** The user id of the request's claims token; 401 when there is none, or none to trust. */
  String userId(HttpServletRequest req) {
    String token = token(req);
    Map<String, Object> claims = claims(token);
    for (String name : USER_CLAIMS) {
      Object value = claims.get(name);
      if ((value instanceof String || value instanceof Number)
          && !String.valueOf(value).isBlank()) {
        return String.valueOf(value);
      }
    }
    throw new HttpError(
        401, "invalid_claims_token", "the claims token names no user (_prov_userid, user_id, sub)");
  }

  private static String token(HttpServletRequest req) {
    for (String header : HEADERS) {
      String value = req.getHeader(header);
      if (value != null && !value.isBlank()) {
        value = value.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value;
      }
    }
    throw new HttpError(
        401, "missing_claims_token", "missing claims token: send X-VoltMX-Authorization");
  }

  private Map<String, Object> claims(String token) {
    try {
      if (verifier != null) {
        return verifier.verify(token).asMap();
      }
      if (callerAuthenticated) {
        return Jwt.unverifiedClaims(token);
      }
    } catch (JwtException e) {
      LOG.log(
          System.Logger.Level.INFO, RequestIds.current() + " claims token refused: " + e.reason());
      throw new HttpError(401, "invalid_claims_token", "the claims token is invalid or expired");
    }
    throw new HttpError(
        401,
        "untrusted_claims_token",
        "claims tokens cannot be trusted here: the server needs "
            + "voltmx.foundry.publicKey or an authenticated caller (voltmx.caller.mode)");
  }
}
