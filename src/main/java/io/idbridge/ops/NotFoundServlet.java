package io.idbridge.ops;

import io.idbridge.http.HttpError;
import io.idbridge.http.StatusErrors;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves every path no other servlet maps, with a 404 in the path's contract format (not a static
 * file).
 */
public final class NotFoundServlet extends HttpServlet {
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) {
    throw new HttpError(StatusErrors.of(404));
  }
}
