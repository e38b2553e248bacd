package io.idbridge.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * One line per request: id, method, path, status, time. The query string is left out on purpose:
 * ConnectyCube sends tokens in it, and no secret may reach a log line.
 */
public final class AccessLogFilter extends HttpFilter {
  private static final System.Logger LOG = System.getLogger("io.idbridge.access");

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    long start = System.nanoTime();
    try {
      chain.doFilter(req, res);
    } finally {
      long micros = (System.nanoTime() - start) / 1000;
      LOG.log(
          System.Logger.Level.INFO,
          String.format(
              "%s %s %s %d %d.%03dms",
              RequestIds.of(req),
              req.getMethod(),
              Requests.path(req),
              res.getStatus(),
              micros / 1000,
              micros % 1000));
    }
  }
}
