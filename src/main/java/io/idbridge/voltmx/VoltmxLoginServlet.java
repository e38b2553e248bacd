package io.idbridge.voltmx;

import io.idbridge.core.LoginAttempt;
import io.idbridge.core.Logins;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
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
  private final Logins logins;
  private final VoltmxLoginAnswers answers;
  private final ClientAddresses addresses;
  private final VoltmxConfig config;

  public VoltmxLoginServlet(Logins logins, ClientAddresses addresses, VoltmxConfig config) {
    this.logins = logins;
    this.answers = new VoltmxLoginAnswers(config);
    this.addresses = addresses;
    this.config = config;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    LoginAttempt attempt =
        new LoginAttempt(
            body.required(config.useridField()),
            body.required(config.passwordField()),
            addresses.of(req));
    Responses.write(
        req,
        res,
        200,
        answers.login(
            logins.password(attempt, VoltmxLoginAnswers.mfaKey(body), answers.session(req))));
  }
}
