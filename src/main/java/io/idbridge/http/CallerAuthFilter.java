package io.idbridge.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Checks that the caller of one contract's paths is its platform: a shared secret (header or form
 * field), HTTP Basic, or an address allow-list. Nothing presented gives 401, something wrong gives
 * 403. Secrets are compared in constant time. Sits after the error filter, so a rejection is
 * rendered in the contract's format.
 */
public final class CallerAuthFilter extends HttpFilter {
  private static final System.Logger LOG = System.getLogger(CallerAuthFilter.class.getName());

  private final CallerAuthConfig config;
  private final ClientAddresses addresses;

  public CallerAuthFilter(CallerAuthConfig config, ClientAddresses addresses) {
    this.config = config;
    this.addresses = addresses;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    switch (config.mode()) {
      case NONE -> {}
      case SECRET -> checkSecret(req);
      case BASIC -> checkBasic(req);
      case IP -> {
        if (!config.allow().stream().anyMatch(c -> c.contains(addresses.of(req)))) {
          reject(403, "caller address not allowed");
        }
      }
    }
    chain.doFilter(req, res);
  }

  private void checkSecret(HttpServletRequest req) throws IOException {
    String presented = req.getHeader(config.secretHeader());
    if (presented == null && !config.secretField().isEmpty()) {
      presented = RequestBody.of(req).text(config.secretField()).orElse(null);
    }
    if (presented == null || presented.isEmpty()) {
      reject(401, "caller secret missing");
    }
    if (!same(presented, config.secret().orElseThrow())) {
      reject(403, "caller secret wrong");
    }
  }

  private void checkBasic(HttpServletRequest req) {
    String header = req.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      reject(401, "caller credentials missing");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      reject(401, "caller credentials malformed");
      return;
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    String password = colon < 0 ? "" : decoded.substring(colon + 1);
    // Both compared, always: no early exit that tells which half was wrong.
    boolean ok =
        same(user, config.basicUser().orElseThrow())
            & same(password, config.basicPassword().orElseThrow());
    if (!ok) {
      reject(403, "caller credentials wrong");
    }
  }

  /** Constant time: compares digests, so neither content nor length leaks through timing. */
  static boolean same(String presented, String expected) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] a = sha.digest(presented.getBytes(StandardCharsets.UTF_8));
      byte[] b = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(a, b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void reject(int status, String why) {
    LOG.log(System.Logger.Level.INFO, RequestIds.current() + " caller rejected: " + why);
    throw new HttpError(
        status,
        status == 401 ? "caller_unauthorized" : "caller_forbidden",
        status == 401 ? "the caller did not authenticate" : "the caller is not allowed");
  }
}
