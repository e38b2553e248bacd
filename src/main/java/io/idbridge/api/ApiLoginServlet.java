package io.idbridge.api;

import io.idbridge.core.AuthResult;
import io.idbridge.core.Authenticator;
import io.idbridge.core.LoginAttempt;
import io.idbridge.core.SessionLimitException;
import io.idbridge.core.Sessions;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code POST /api/login}: our own client login, which issues the session token other contracts verify. */
public final class ApiLoginServlet extends HttpServlet {
  private final Authenticator authenticator;
  private final Sessions sessions;
  private final ClientAddresses addresses;

  public ApiLoginServlet(Authenticator authenticator, Sessions sessions, ClientAddresses addresses) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.addresses = addresses;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    String username = body.required("username");
    String password = body.required("password");
    AuthResult result = authenticator.login(new LoginAttempt(username, password, addresses.of(req)));
    if (result instanceof AuthResult.Throttled t) {
      throw ApiSessions.throttled(res, t.retryAfter());
    }
    if (!(result instanceof AuthResult.Success s)) {
      throw ApiSessions.invalidCredentials();
    }
    Sessions.Session session;
    try {
      session = sessions.open(s.user(), "api", Map.of());
    } catch (SessionLimitException e) {
      throw new HttpError(409, "session_limit", "the user already has an active session");
    }
    Responses.write(req, res, 200, ApiSessions.body(session));
  }
}
