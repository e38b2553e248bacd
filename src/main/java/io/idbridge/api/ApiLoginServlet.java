package io.idbridge.api;

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
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/login}: our own client login, which issues the session token other contracts
 * verify, or for a user with TOTP an mfa_token that {@code /api/login/mfa} completes.
 */
public final class ApiLoginServlet extends HttpServlet {
  private final Logins logins;
  private final ClientAddresses addresses;
  private final Set<String> audiences;

  /**
   * @param audiences the {@code audience} values a client may ask its token to be bound to
   */
  public ApiLoginServlet(Logins logins, ClientAddresses addresses, Set<String> audiences) {
    this.logins = logins;
    this.addresses = addresses;
    this.audiences = Set.copyOf(audiences);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    String username = body.required("username");
    String password = body.required("password");
    Logins.SessionRequest session = ApiLoginAnswers.session(body, audiences);
    LoginAttempt attempt = new LoginAttempt(Contract.API, username, password, addresses.of(req));
    Responses.write(
        req, res, 200, ApiLoginAnswers.body(logins.password(attempt, Optional.of(session))));
  }
}
