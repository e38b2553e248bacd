package io.idbridge.api;

import io.idbridge.core.Sessions;
import io.idbridge.directory.UserDirectory;
import io.idbridge.http.Responses;
import io.idbridge.mfa.MfaException;
import io.idbridge.mfa.MfaTokens;
import io.idbridge.mfa.SecondFactor;
import io.idbridge.mfa.TotpEnrollment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/mfa/enroll} (Bearer session or enroll_token): gives the caller a new TOTP
 * secret, which waits for a first code at {@code /api/mfa/confirm}; until then login does not ask
 * for one.
 */
public final class ApiMfaEnrollServlet extends HttpServlet {
  private final SecondFactor mfa;
  private final MfaTokens tokens;
  private final Sessions sessions;
  private final UserDirectory directory;

  public ApiMfaEnrollServlet(
      SecondFactor mfa, MfaTokens tokens, Sessions sessions, UserDirectory directory) {
    this.mfa = mfa;
    this.tokens = tokens;
    this.sessions = sessions;
    this.directory = directory;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    TotpEnrollment.Enrollment enrollment;
    try {
      enrollment = mfa.enroll(ApiMfaSteps.enrolling(req, sessions, tokens, directory));
    } catch (MfaException e) {
      throw ApiMfaSteps.error(e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("secret", enrollment.secret());
    body.put("otpauth_uri", enrollment.uri());
    Responses.write(req, res, 200, body);
  }
}
