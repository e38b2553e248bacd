package io.idbridge.api;

import io.idbridge.core.AuthResult;
import io.idbridge.core.Authenticator;
import io.idbridge.core.LoginAttempt;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.http.ApiError;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.ErrorShapes;
import io.idbridge.http.RequestBody;
import io.idbridge.http.RequestIds;
import io.idbridge.http.Responses;
import io.idbridge.mfa.SecondFactor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/login}: our own client login, which issues the session token other contracts
 * verify, or for a user with TOTP an mfa_token that {@code /api/login/mfa} completes.
 */
public final class ApiLoginServlet extends HttpServlet {
  private final Authenticator authenticator;
  private final Sessions sessions;
  private final SecondFactor mfa;
  private final ClientAddresses addresses;
  private final Set<String> audiences;

  /**
   * @param audiences the {@code audience} values a client may ask its token to be bound to
   */
  public ApiLoginServlet(
      Authenticator authenticator,
      Sessions sessions,
      SecondFactor mfa,
      ClientAddresses addresses,
      Set<String> audiences) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.mfa = mfa;
    this.addresses = addresses;
    this.audiences = Set.copyOf(audiences);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    String username = body.required("username");
    String password = body.required("password");
    Map<String, Object> claims = ApiSessions.requestedClaims(body, audiences);
    AuthResult result =
        authenticator.login(new LoginAttempt(username, password, addresses.of(req)));
    if (result instanceof AuthResult.Throttled t) {
      throw ApiSessions.throttled(res, t.retryAfter());
    }
    if (!(result instanceof AuthResult.Success s)) {
      throw ApiSessions.invalidCredentials();
    }
    User user = s.user();
    if (user.hasMfa()) {
      Map<String, Object> pending = new LinkedHashMap<>();
      pending.put("mfa_required", true);
      pending.put("mfa_token", mfa.pendingToken(user));
      pending.put("expires_in", mfa.config().tokenTtl().toSeconds());
      Responses.write(req, res, 200, pending);
    } else if (mfa.mustEnroll(user)) {
      enrollmentRequired(req, res, user);
    } else {
      Responses.write(req, res, 200, ApiSessions.body(ApiSessions.open(sessions, user, claims)));
    }
  }

  /**
   * The error of our API, plus the token that lets this user (and only enroll) reach {@code
   * /api/mfa/enroll}.
   */
  private void enrollmentRequired(HttpServletRequest req, HttpServletResponse res, User user)
      throws IOException {
    ApiError error =
        new ApiError(
            403,
            "mfa_enrollment_required",
            "this server requires a second factor: "
                + "enroll with POST /api/mfa/enroll and /api/mfa/confirm, sending the enroll_token as a Bearer token, "
                + "then log in again");
    Map<String, Object> body =
        new LinkedHashMap<>(ErrorShapes.DEFAULT.body(error, RequestIds.of(req)));
    body.put("enroll_token", mfa.enrollmentToken(user));
    body.put("expires_in", mfa.config().tokenTtl().toSeconds());
    Responses.write(req, res, error.status(), body);
  }
}
