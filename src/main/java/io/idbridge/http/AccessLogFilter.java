package io.idbridge.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * One line per request: id, method, path, status, time. The query string is left out on purpose:
 * ConnectyCube sends tokens in it, and no secret may reach a log line. Also on the container's
 * error dispatch, so that a request the container refused before our filters has its line too.
 */
public final class AccessLogFilter extends HttpFilter {
  private static final System.Logger LOG = System.getLogger("io.idbridge.access");
  private static final String LOGGED = "idbridge.logged";

  /** When the request arrived, if earlier than this filter saw it (its body read first). */
  static final String ARRIVED = "idbridge.arrived";

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.getAttribute(LOGGED) != null) {
      chain.doFilter(req, res);
      return;
    }
    req.setAttribute(LOGGED, true);
    long start = req.getAttribute(ARRIVED) instanceof Long arrived ? arrived : System.nanoTime();
    // What escapes below (an Error past the error filter) the container answers with 500.
    int escaped = 0;
    try {
      chain.doFilter(req, res);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      escaped = 500;
      throw e;
    } finally {
      line(req, escaped == 0 ? res.getStatus() : escaped, System.nanoTime() - start);
    }
  }

  static void line(HttpServletRequest req, int status, long nanos) {
    log(RequestIds.of(req), req.getMethod(), Requests.path(req), status, nanos);
  }

  /** The line itself, also for the answers the server makes before any filter runs. */
  public static void log(String id, String method, String path, int status, long nanos) {
    long micros = nanos / 1000;
    long fraction = micros % 1000;
    StringBuilder line = new StringBuilder(96);
    line.append(id).append(' ').append(Requests.printable(method)).append(' ').append(path);
    line.append(' ').append(status).append(' ').append(micros / 1000).append('.');
    line.append(fraction < 100 ? (fraction < 10 ? "00" : "0") : "").append(fraction).append("ms");
    LOG.log(System.Logger.Level.INFO, line.toString());
  }
}
