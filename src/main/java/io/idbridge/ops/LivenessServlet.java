package io.idbridge.ops;

import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /health/live}: the process answers. Nothing behind it is checked, so that an
 * orchestrator does not restart a node for a database that is down.
 */
public final class LivenessServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Responses.write(req, res, 200, Map.of("status", "UP"));
  }
}
