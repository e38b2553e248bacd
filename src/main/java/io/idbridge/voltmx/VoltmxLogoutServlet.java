package io.idbridge.voltmx;

import io.idbridge.core.InvalidSessionException;
import io.idbridge.core.Sessions;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /voltmx/logout}: the agreement's Logout API; revokes the session of {@code
 * session_token} everywhere. The token is also the caller's proof: Foundry sends no provider
 * settings with a logout.
 */
public final class VoltmxLogoutServlet extends HttpServlet {
  private final Sessions sessions;

  public VoltmxLogoutServlet(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    // Agreement: session_token is optional; without one there is no session of ours to end.
    Optional<String> token = RequestBody.of(req).text("session_token").filter(t -> !t.isBlank());
    try {
      if (token.isPresent()) {
        sessions.logout(token.get());
      }
    } catch (InvalidSessionException e) {
      throw invalidSession();
    }
    // Agreement, "Sample Success Response": HTTP 200 OK, no body.
    res.setStatus(200);
    res.setHeader("Cache-Control", "no-store");
    res.setContentLength(0);
  }

  /**
   * One answer for a token that is forged, expired or revoked (by logout or by the concurrent-login
   * policy).
   */
  static HttpError invalidSession() {
    return new HttpError(
        401, "invalid_session", "the session token is invalid, expired or revoked");
  }
}
