package io.idbridge.voltmx;

import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.http.ApiError;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import io.idbridge.mfa.MfaException;
import io.idbridge.mfa.SecondFactor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /voltmx/mfa/validate}: the agreement's MFA validate endpoint. The mfa_key of {@code
 * /api/mfa/verify}, or the login's mfa_token with a code, opens the session that the login held
 * back, answered like a login.
 */
public final class VoltmxMfaValidateServlet extends HttpServlet {
  private final SecondFactor mfa;
  private final VoltmxSessions sessions;
  private final ClientAddresses addresses;

  public VoltmxMfaValidateServlet(
      SecondFactor mfa, Sessions sessions, ClientAddresses addresses, VoltmxConfig config) {
    this.mfa = mfa;
    this.sessions = new VoltmxSessions(sessions, mfa, config);
    this.addresses = addresses;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    Optional<String> key = VoltmxSessions.mfaKey(body);
    Optional<String> token = body.text("mfa_token").filter(t -> !t.isBlank());
    User user;
    if (key.isPresent()) {
      user = byKey(key.get(), token);
    } else if (token.isPresent()) {
      user = byCode(token.get(), body.required("otp"), req, res);
    } else {
      throw new HttpError(ApiError.badRequest("missing parameter: mfa_key (or mfa_token and otp)"));
    }
    Responses.write(req, res, 200, sessions.open(user, sessions.app(req)));
  }

  /**
   * The user of an mfa_key. Next to the login's mfa_token it must be that user's, and may be a
   * remembered one; alone it names no login, so only the key just issued for this one is taken:
   * else a key kept on a device would open sessions for weeks without the password.
   */
  private User byKey(String key, Optional<String> mfaToken) {
    try {
      if (mfaToken.isEmpty()) {
        return mfa.redeemRecentMfaKey(key);
      }
      return mfa.redeemMfaKey(key, Optional.of(mfa.redeemPending(mfaToken.get()).id()));
    } catch (MfaException e) {
      throw new HttpError(
          401,
          "invalid_mfa_key",
          "the MFA key is invalid, expired or revoked, or not of the user "
              + "logging in; a remembered key is taken with the password at login, or with the login's mfa_token");
    }
  }

  /**
   * The user of the login's mfa_token, once the code is right: for an app that skips {@code
   * /api/mfa/verify}.
   */
  private User byCode(
      String mfaToken, String otp, HttpServletRequest req, HttpServletResponse res) {
    try {
      return mfa.complete(mfaToken, otp, addresses.of(req));
    } catch (MfaException e) {
      throw switch (e.reason()) {
        case WRONG_CODE -> new HttpError(401, "invalid_otp", e.wrongCodeSentence());
        case THROTTLED -> VoltmxErrors.throttled(res, e.retryAfter().orElseThrow());
        case INVALID_TOKEN,
                EXPIRED_TOKEN,
                WRONG_USER,
                REVOKED,
                NOT_ENROLLED,
                ALREADY_ENROLLED,
                READ_ONLY_DIRECTORY ->
            new HttpError(
                401,
                "invalid_mfa_token",
                "the mfa_token is invalid, expired or used up; log in again");
      };
    }
  }
}
