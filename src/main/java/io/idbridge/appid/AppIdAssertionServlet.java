package io.idbridge.appid;

import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /appid/assertion}: a user's signed assertion, for an app that exchanges it at App ID
 * itself.
 */
public final class AppIdAssertionServlet extends HttpServlet {
  private final AppIdLogin login;

  public AppIdAssertionServlet(AppIdLogin login) {
    this.login = login;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    AppIdAssertions.Assertion assertion = login.assertion(req);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("assertion", assertion.jws());
    body.put("expires_in", assertion.expiresIn());
    Responses.writeJson(res, 200, body);
  }
}
