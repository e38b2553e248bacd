package io.idbridge.voltmx;

import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.http.ApiError;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /voltmx/mfa/validate}: the agreement's MFA validate endpoint. A valid MFA key opens the session that
 * the login held back, answered like a login.
 */
public final class VoltmxMfaValidateServlet extends HttpServlet {
  private final MfaKeys keys;
  private final VoltmxSessions sessions;

  public VoltmxMfaValidateServlet(MfaKeys keys, Sessions sessions, VoltmxConfig config) {
    this.keys = keys;
    this.sessions = new VoltmxSessions(sessions, config);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    // The SDK's validateMfa example spells it mfa_Key (contracts.md).
    String key = body.text("mfa_key").or(() -> body.text("mfa_Key")).filter(k -> !k.isBlank())
        .orElseThrow(() -> new HttpError(ApiError.badRequest("missing parameter: mfa_key")));
    User user = keys.redeem(key)
        .orElseThrow(() -> new HttpError(401, "invalid_mfa_key", "the MFA key is invalid, expired or used"));
    Responses.write(req, res, 200, sessions.open(user, sessions.app(req)));
  }
}
