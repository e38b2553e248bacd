package io.idbridge.api;

import io.idbridge.core.Contract;
import io.idbridge.core.Logins;
import io.idbridge.directory.User;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import io.idbridge.mfa.MfaConfig;
import io.idbridge.mfa.MfaTokens;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/mfa/verify}: checks the code of an {@code mfa_token} and answers an {@code
 * mfa_key}, the signed, user-bound proof a VoltMX app hands to Foundry (seed: "MFA API"), which
 * Foundry's MFA validation and later logins present to us.
 */
public final class ApiMfaVerifyServlet extends HttpServlet {
  /** The logins whose code this step takes: our API's, and VoltMX's, whose apps come here. */
  private static final Set<Contract> VERIFIABLE = Set.of(Contract.API, Contract.VOLTMX);

  private final Logins logins;
  private final MfaTokens tokens;
  private final MfaConfig config;
  private final ClientAddresses addresses;

  public ApiMfaVerifyServlet(
      Logins logins, MfaTokens tokens, MfaConfig config, ClientAddresses addresses) {
    this.logins = logins;
    this.tokens = tokens;
    this.config = config;
    this.addresses = addresses;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    String token = body.required("mfa_token");
    String otp = body.requiredCode("otp", config.digits());
    User user =
        ApiLoginAnswers.passed(
            logins.code(VERIFIABLE, token, otp, addresses.of(req), Optional.empty()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("mfa_key", tokens.issueMfaKey(user));
    answer.put("expires_in", config.rememberTtl().toSeconds());
    Responses.write(req, res, 200, answer);
  }
}
