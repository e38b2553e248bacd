package io.idbridge.http;

import io.idbridge.metrics.Metrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Counts each request by route and status class. The route is the servlet mapping that served it
 * ({@code /mca/apps/*}, {@code /} for unknown paths), never the path itself: a scanner's paths
 * would else make a series each.
 */
public final class HttpMetricsFilter extends HttpFilter {
  private final Metrics metrics;

  public HttpMetricsFilter(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(req, res);
    } finally {
      metrics.httpRequest(req.getHttpServletMapping().getPattern(), res.getStatus());
    }
  }
}
