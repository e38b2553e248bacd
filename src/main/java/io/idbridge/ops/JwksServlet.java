package io.idbridge.ops;

import io.idbridge.jwt.KeyRing;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /.well-known/jwks.json}: every public key that verifies our tokens (RFC 7517 §5). */
public final class JwksServlet extends HttpServlet {
  private final KeyRing keys;

  public JwksServlet(KeyRing keys) {
    this.keys = keys;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    byte[] body = keys.jwksJson().getBytes(StandardCharsets.UTF_8);
    res.setContentType("application/jwk-set+json");
    res.setHeader("Cache-Control", "public, max-age=300");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }
}
