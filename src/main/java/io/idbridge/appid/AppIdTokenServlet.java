package io.idbridge.appid;

import io.idbridge.http.HttpError;
import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /appid/token}: logs the user in, exchanges the assertion at App ID and relays App
 * ID's tokens.
 */
public final class AppIdTokenServlet extends HttpServlet {
  private final AppIdLogin login;
  private final Optional<AppIdTokenEndpoint> endpoint;

  public AppIdTokenServlet(AppIdLogin login, Optional<AppIdTokenEndpoint> endpoint) {
    this.login = login;
    this.endpoint = endpoint;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    AppIdTokenEndpoint appId =
        endpoint.orElseThrow(
            () ->
                new HttpError(
                    404,
                    "not_configured",
                    "this server does not exchange assertions with IBM App ID (appid.clientId, appid.secret); "
                        + "use /appid/assertion"));
    AppIdAssertions.Assertion assertion = login.assertion(req);
    Responses.writeJson(res, 200, appId.exchange(assertion.jws(), assertion.scope()));
  }
}
