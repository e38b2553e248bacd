package io.idbridge.api;

import io.idbridge.core.SessionLimitException;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** How our own API writes a session and its login errors. */
final class ApiSessions {
  private ApiSessions() {}

  static Map<String, Object> body(Sessions.Session session) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", session.user().id());
    user.put("username", session.user().username());
    user.put("display_name", session.user().displayName());
    user.put("email", session.user().email());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", session.token());
    body.put("token_type", "Bearer");
    body.put("expires_in", session.expiresIn());
    body.put("user", user);
    return body;
  }

  /**
   * The claims a client asked for: a token bound to one of the audiences the server knows (field
   * {@code audience}), such as the one ConnectyCube verifies. Checked before the password, so a
   * typo costs no failure.
   */
  static Map<String, Object> requestedClaims(RequestBody body, Set<String> audiences) {
    Map<String, Object> claims = new LinkedHashMap<>();
    body.text("audience")
        .filter(a -> !a.isBlank())
        .ifPresent(
            audience -> {
              if (!audiences.contains(audience)) {
                throw new HttpError(400, "invalid_audience", "unknown audience: " + audience);
              }
              claims.put("aud", audience);
            });
    return claims;
  }

  /** Opens a session of our API; the concurrent-login policy's refusal is 409. */
  static Sessions.Session open(Sessions sessions, User user, Map<String, Object> claims) {
    try {
      return sessions.open(user, "api", claims);
    } catch (SessionLimitException e) {
      throw new HttpError(409, "session_limit", "the user already has an active session");
    }
  }

  /** One answer for an unknown user, a wrong password and a disabled account. */
  static HttpError invalidCredentials() {
    return new HttpError(401, "invalid_credentials", "the username or password is wrong");
  }

  static HttpError throttled(HttpServletResponse res, Duration retryAfter) {
    res.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    return new HttpError(429, "too_many_failures", "too many failed logins; try again later");
  }
}
