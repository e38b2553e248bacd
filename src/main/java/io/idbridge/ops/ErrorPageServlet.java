package io.idbridge.ops;

import io.idbridge.http.ErrorShapes;
import io.idbridge.http.Responses;
import io.idbridge.http.StatusErrors;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page ({@code /_error}, declared in web.xml): errors the container raises
 * itself, outside our filters, are written in the contract format of the path that failed.
 */
public final class ErrorPageServlet extends HttpServlet {
  private final ErrorShapes shapes;

  public ErrorPageServlet(ErrorShapes shapes) {
    this.shapes = shapes;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Object status = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    int code = status instanceof Integer i ? i : 404;
    String path =
        uri == null
            ? "/"
            : uri.toString()
                .substring(Math.min(req.getContextPath().length(), uri.toString().length()));
    Responses.error(req, res, shapes.forPath(path), StatusErrors.of(code));
  }
}
