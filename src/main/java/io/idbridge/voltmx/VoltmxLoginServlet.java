package io.idbridge.voltmx;

import io.idbridge.core.AuthResult;
import io.idbridge.core.Authenticator;
import io.idbridge.core.LoginAttempt;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.http.ApiError;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.RequestBody;
import io.idbridge.http.RequestIds;
import io.idbridge.http.Responses;
import io.idbridge.mfa.SecondFactor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /voltmx/login}: the custom identity agreement's Login API. Foundry sends the app's
 * credential fields (with a remembered {@code mfa_key} on later logins of a user with MFA) and its
 * provider settings as a form; the shared secret among them is the caller filter's business.
 */
public final class VoltmxLoginServlet extends HttpServlet {
  /** One answer for an unknown user, a wrong password and a disabled account. */
  private static final ApiError INVALID_CREDENTIALS =
      new ApiError(401, "invalid_credentials", "the user id or password is wrong");

  private final Authenticator authenticator;
  private final VoltmxSessions sessions;
  private final ClientAddresses addresses;
  private final VoltmxConfig config;

  public VoltmxLoginServlet(
      Authenticator authenticator,
      Sessions sessions,
      SecondFactor mfa,
      ClientAddresses addresses,
      VoltmxConfig config) {
    this.authenticator = authenticator;
    this.sessions = new VoltmxSessions(sessions, mfa, config);
    this.addresses = addresses;
    this.config = config;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    String userid = body.required(config.useridField());
    String password = body.required(config.passwordField());
    AuthResult result = authenticator.login(new LoginAttempt(userid, password, addresses.of(req)));
    if (result instanceof AuthResult.Throttled t) {
      throw VoltmxErrors.throttled(res, t.retryAfter());
    }
    if (result instanceof AuthResult.Rejected r) {
      // 401 and only 401: it is what Foundry's own failure tracking counts.
      Responses.write(
          req,
          res,
          401,
          VoltmxErrors.body(
              INVALID_CREDENTIALS,
              r.backendErrorCode(),
              r.backendErrorMessage(),
              RequestIds.of(req)));
      return;
    }
    User user = ((AuthResult.Success) result).user();
    if (sessions.mustEnroll(user)) {
      sessions.enrollmentRequired(req, res, user);
      return;
    }
    Responses.write(
        req, res, 200, sessions.login(user, VoltmxSessions.mfaKey(body), sessions.app(req)));
  }
}
