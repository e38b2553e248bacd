package io.idbridge.ops;

import io.idbridge.metrics.Metrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/** {@code GET /metrics}: the Prometheus text format. */
public final class MetricsServlet extends HttpServlet {
  private final Metrics metrics;

  public MetricsServlet(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    res.setStatus(200);
    res.setContentType(metrics.contentType());
    try (OutputStream out = res.getOutputStream()) {
      metrics.writeText(out);
    }
  }
}
