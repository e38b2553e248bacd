package io.idbridge.api;

import io.idbridge.core.Sessions;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import io.idbridge.mfa.SecondFactor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/login/mfa}: completes a login with the {@code mfa_token} of {@code /api/login}
 * and a code.
 */
public final class ApiLoginMfaServlet extends HttpServlet {
  private final SecondFactor mfa;
  private final Sessions sessions;
  private final ClientAddresses addresses;
  private final Set<String> audiences;

  public ApiLoginMfaServlet(
      SecondFactor mfa, Sessions sessions, ClientAddresses addresses, Set<String> audiences) {
    this.mfa = mfa;
    this.sessions = sessions;
    this.addresses = addresses;
    this.audiences = Set.copyOf(audiences);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Map<String, Object> claims = ApiSessions.requestedClaims(RequestBody.of(req), audiences);
    var user = ApiMfaSteps.completed(req, res, mfa, addresses);
    Responses.write(req, res, 200, ApiSessions.body(ApiSessions.open(sessions, user, claims)));
  }
}
