package io.idbridge.voltmx;

import io.idbridge.core.Contract;
import io.idbridge.core.LoginStep;
import io.idbridge.core.Logins;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.ErrorReply;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /voltmx/mfa/validate}: the agreement's MFA validate endpoint. The mfa_key of {@code
 * /api/mfa/verify}, or the login's mfa_token with a code, opens the session that the login held
 * back, answered like a login.
 */
public final class VoltmxMfaValidateServlet extends HttpServlet {
  private final Logins logins;
  private final VoltmxLoginAnswers answers;
  private final ClientAddresses addresses;
  private final int codeDigits;

  /**
   * @param codeDigits {@code mfa.totp.digits}
   */
  public VoltmxMfaValidateServlet(
      Logins logins, ClientAddresses addresses, VoltmxConfig config, int codeDigits) {
    this.logins = logins;
    this.answers = new VoltmxLoginAnswers(config);
    this.addresses = addresses;
    this.codeDigits = codeDigits;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    Optional<String> key = VoltmxLoginAnswers.mfaKey(body);
    Optional<String> token = body.text("mfa_token").filter(t -> !t.isBlank());
    LoginStep step;
    if (key.isPresent()) {
      step = logins.key(Set.of(Contract.VOLTMX), key.get(), token, answers.session(req));
      if (step.kind() == LoginStep.Kind.PROOF_REFUSED) {
        throw new HttpError(
            401,
            "invalid_mfa_key",
            "the MFA key is invalid, expired or revoked, or not of the user "
                + "logging in; a remembered key is taken with the password at login, or with the login's mfa_token");
      }
    } else if (token.isPresent()) {
      step =
          logins.code(
              Set.of(Contract.VOLTMX),
              token.get(),
              body.requiredCode("otp", codeDigits),
              addresses.of(req),
              Optional.of(answers.session(req)));
    } else {
      throw new HttpError(
          ErrorReply.badRequest("missing parameter: mfa_key (or mfa_token and otp)"));
    }
    Responses.write(req, res, 200, answers.validated(step));
  }
}
