package io.idbridge.voltmx;

import io.idbridge.core.Contract;
import io.idbridge.core.LoginAttempt;
import io.idbridge.core.Logins;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** Never forwarded to a backend: the credentials, the caller's secret and our mfa_key. */
  private final Set<String> ownFields;

  public VoltmxLoginServlet(
      Logins logins, ClientAddresses addresses, VoltmxConfig config, String callerSecretField) {
    this.logins = logins;
    this.answers = new VoltmxLoginAnswers(config);
    this.addresses = addresses;
    this.config = config;
    this.ownFields =
        Set.copyOf(
            List.of(
                config.useridField(),
                config.passwordField(),
                callerSecretField,
                "mfa_key",
                "mfa_Key"));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    LoginAttempt attempt =
        new LoginAttempt(
            Contract.VOLTMX,
            body.required(config.useridField()),
            // Renamed, the password would pass the query-string refusal of "password": a URL
            // stays in proxies' and servers' logs.
            body.requiredInBody(config.passwordField()),
            addresses.of(req),
            others(body));
    Responses.write(
        req,
        res,
        200,
        answers.login(
            logins.password(attempt, VoltmxLoginAnswers.mfaKey(body), answers.session(req))));
  }

  /** The login's other text fields: the app's custom key-values and the provider settings. */
  private Map<String, String> others(RequestBody body) {
    Map<String, String> others = new LinkedHashMap<>();
    for (String name : body.fields().keySet()) {
      if (!ownFields.contains(name)) {
        body.text(name).ifPresent(value -> others.put(name, value));
      }
    }
    return others;
  }
}
