package io.idbridge.voltmx;

import io.idbridge.core.InvalidSessionException;
import io.idbridge.core.Sessions;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /voltmx/logout}: the agreement's Logout API; revokes the session of {@code
 * session_token} everywhere.
 */
public final class VoltmxLogoutServlet extends HttpServlet {
  private final Sessions sessions;

  public VoltmxLogoutServlet(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String token = RequestBody.of(req).required("session_token");
    try {
      sessions.logout(token);
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
