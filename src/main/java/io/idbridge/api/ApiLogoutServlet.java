package io.idbridge.api;

import io.idbridge.core.InvalidSessionException;
import io.idbridge.core.Sessions;
import io.idbridge.http.BearerTokens;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /api/logout}: revokes the session of the token ({@code Authorization: Bearer} or
 * field {@code token}).
 */
public final class ApiLogoutServlet extends HttpServlet {
  private final Sessions sessions;

  public ApiLogoutServlet(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    String token =
        BearerTokens.of(req)
            .or(() -> body.text("token"))
            .orElseThrow(
                () ->
                    new HttpError(
                        400,
                        "invalid_request",
                        "missing token: send Authorization: Bearer <token>"));
    try {
      sessions.logout(token);
    } catch (InvalidSessionException e) {
      throw new HttpError(401, "invalid_token", "the token is invalid, expired or already revoked");
    }
    Responses.write(req, res, 200, Map.of("revoked", true));
  }
}
