package io.idbridge.api;

import io.idbridge.core.Sessions;
import io.idbridge.directory.UserDirectory;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import io.idbridge.mfa.MfaException;
import io.idbridge.mfa.MfaTokens;
import io.idbridge.mfa.SecondFactor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /api/mfa/confirm} (Bearer, {@code otp}): a first right code activates the caller's
 * new secret.
 */
public final class ApiMfaConfirmServlet extends HttpServlet {
  private final SecondFactor mfa;
  private final MfaTokens tokens;
  private final Sessions sessions;
  private final UserDirectory directory;
  private final ClientAddresses addresses;

  public ApiMfaConfirmServlet(
      SecondFactor mfa,
      MfaTokens tokens,
      Sessions sessions,
      UserDirectory directory,
      ClientAddresses addresses) {
    this.mfa = mfa;
    this.tokens = tokens;
    this.sessions = sessions;
    this.directory = directory;
    this.addresses = addresses;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String otp = RequestBody.of(req).requiredCode("otp", mfa.config().digits());
    try {
      mfa.confirm(ApiMfaSteps.enrolling(req, sessions, tokens, directory), otp, addresses.of(req));
    } catch (MfaException e) {
      throw ApiMfaSteps.error(e);
    }
    Responses.write(req, res, 200, Map.of("mfa_enabled", true));
  }
}
