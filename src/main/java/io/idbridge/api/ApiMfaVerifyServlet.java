package io.idbridge.api;

import io.idbridge.http.ClientAddresses;
import io.idbridge.http.Responses;
import io.idbridge.mfa.SecondFactor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/mfa/verify}: checks the code of an {@code mfa_token} and answers an {@code
 * mfa_key}, the signed, user-bound proof a VoltMX app hands to Foundry (seed: "MFA API"), which
 * Foundry's MFA validation and later logins present to us.
 */
public final class ApiMfaVerifyServlet extends HttpServlet {
  private final SecondFactor mfa;
  private final ClientAddresses addresses;

  public ApiMfaVerifyServlet(SecondFactor mfa, ClientAddresses addresses) {
    this.mfa = mfa;
    this.addresses = addresses;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    var user = ApiMfaSteps.completed(req, res, mfa, addresses);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mfa_key", mfa.issueMfaKey(user));
    body.put("expires_in", mfa.config().rememberTtl().toSeconds());
    Responses.write(req, res, 200, body);
  }
}
