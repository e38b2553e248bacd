package io.idbridge.api;

import io.idbridge.core.Contract;
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
 * {@code POST /api/login/mfa}: completes a login with the {@code mfa_token} of {@code /api/login}
 * and a code.
 */
public final class ApiLoginMfaServlet extends HttpServlet {
  private final Logins logins;
  private final ClientAddresses addresses;
  private final Set<String> audiences;
  private final int codeDigits;

  /**
   * @param codeDigits {@code mfa.totp.digits}
   */
  public ApiLoginMfaServlet(
      Logins logins, ClientAddresses addresses, Set<String> audiences, int codeDigits) {
    this.logins = logins;
    this.addresses = addresses;
    this.audiences = Set.copyOf(audiences);
    this.codeDigits = codeDigits;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    Logins.SessionRequest session = ApiLoginAnswers.session(body, audiences);
    String token = body.required("mfa_token");
    String otp = body.requiredCode("otp", codeDigits);
    Responses.write(
        req,
        res,
        200,
        ApiLoginAnswers.body(
            logins.code(
                Set.of(Contract.API), token, otp, addresses.of(req), Optional.of(session))));
  }
}
