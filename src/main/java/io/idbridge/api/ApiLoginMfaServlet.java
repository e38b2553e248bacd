package io.idbridge.api;

import io.idbridge.core.Sessions;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.Responses;
import io.idbridge.mfa.SecondFactor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /api/login/mfa}: completes a login with the {@code mfa_token} of {@code /api/login} and a code. */
public final class ApiLoginMfaServlet extends HttpServlet {
  private final SecondFactor mfa;
  private final Sessions sessions;
  private final ClientAddresses addresses;

  public ApiLoginMfaServlet(SecondFactor mfa, Sessions sessions, ClientAddresses addresses) {
    this.mfa = mfa;
    this.sessions = sessions;
    this.addresses = addresses;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    var user = ApiMfaSteps.completed(req, res, mfa, addresses);
    Responses.write(req, res, 200, ApiSessions.body(ApiSessions.open(sessions, user)));
  }
}
