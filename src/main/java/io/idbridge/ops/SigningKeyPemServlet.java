package io.idbridge.ops;

import io.idbridge.http.HttpError;
import io.idbridge.jwt.KeyRing;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /keys/signing.pem}: the current RSA public key as SPKI PEM ({@code BEGIN PUBLIC KEY}),
 * the form the IBM App ID console asks for.
 */
public final class SigningKeyPemServlet extends HttpServlet {
  private final KeyRing keys;

  public SigningKeyPemServlet(KeyRing keys) {
    this.keys = keys;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String pem =
        keys.currentRsaPublicKey()
            .map(KeyRing::toPem)
            .orElseThrow(
                () ->
                    new HttpError(
                        404, "not_found", "no RSA signing key; run: keys generate --alg rs256"));
    byte[] body = pem.getBytes(StandardCharsets.UTF_8);
    res.setContentType("application/x-pem-file");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }
}
