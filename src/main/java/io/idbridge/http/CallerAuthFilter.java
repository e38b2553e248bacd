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
import java.util.Set;

/**
 * Checks that the caller of one contract's paths is its platform: a shared secret (header or form
 * field), HTTP Basic, or an address allow-list. Nothing presented gives 401 (or the contract's own
 * status), something wrong gives 403. Secrets are compared in constant time. Sits after the error
 * filter, so a rejection is rendered in the contract's format.
 */
public final class CallerAuthFilter extends HttpFilter {
  private static final System.Logger LOG = System.getLogger(CallerAuthFilter.class.getName());

  private final CallerAuthConfig config;
  private final ClientAddresses addresses;
  private final int missingStatus;
  private final Set<String> selfProving;

  public CallerAuthFilter(CallerAuthConfig config, ClientAddresses addresses) {
    this(config, addresses, 401, Set.of());
  }

  /**
   * @param missingStatus the status when no credential is presented
   * @param selfProving paths whose calls carry a proof of their own, checked by their servlet (a
   *     token only the platform holds): without a caller credential they pass, with one it must be
   *     right. An address is always presented.
   */
  public CallerAuthFilter(
      CallerAuthConfig config,
      ClientAddresses addresses,
      int missingStatus,
      Set<String> selfProving) {
    this.config = config;
    this.addresses = addresses;
    this.missingStatus = missingStatus;
    this.selfProving = Set.copyOf(selfProving);
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (selfProving.contains(Requests.path(req)) && !presented(req)) {
      chain.doFilter(req, res);
      return;
    }
    switch (config.mode()) {
      case NONE -> {}
      case SECRET -> checkSecret(req);
      case BASIC -> checkBasic(req);
      case IP -> {
        if (!config.allow().stream().anyMatch(c -> c.contains(addresses.of(req)))) {
          forbidden("caller address not allowed");
        }
      }
    }
    chain.doFilter(req, res);
  }

  private boolean presented(HttpServletRequest req) throws IOException {
    return switch (config.mode()) {
      case NONE -> false;
      case SECRET -> !secret(req).isEmpty();
      case BASIC -> basicHeader(req) != null;
      case IP -> true;
    };
  }

  /** The shared secret of the header, else of the form field; empty when none came. */
  private String secret(HttpServletRequest req) throws IOException {
    String presented = req.getHeader(config.secretHeader());
    if (presented == null && !config.secretField().isEmpty()) {
      presented = RequestBody.of(req).bodyText(config.secretField()).orElse(null);
    }
    return presented == null ? "" : presented;
  }

  private static String basicHeader(HttpServletRequest req) {
    String header = req.getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Basic ", 0, 6) ? header : null;
  }

  private void checkSecret(HttpServletRequest req) throws IOException {
    String presented = secret(req);
    if (presented.isEmpty()) {
      missing("caller secret missing");
    }
    if (!same(presented, config.secret().orElseThrow())) {
      forbidden("caller secret wrong");
    }
  }

  private void checkBasic(HttpServletRequest req) {
    String header = basicHeader(req);
    if (header == null) {
      missing("caller credentials missing");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      missing("caller credentials malformed");
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
      forbidden("caller credentials wrong");
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

  private void missing(String why) {
    LOG.log(System.Logger.Level.INFO, RequestIds.current() + " caller rejected: " + why);
    throw new HttpError(missingStatus, "caller_unauthorized", "the caller did not authenticate");
  }

  private static void forbidden(String why) {
    LOG.log(System.Logger.Level.INFO, RequestIds.current() + " caller rejected: " + why);
    throw new HttpError(403, "caller_forbidden", "the caller is not allowed");
  }
}
