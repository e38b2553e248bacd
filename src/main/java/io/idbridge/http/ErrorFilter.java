package io.idbridge.http;

import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.password.HashingBusyException;
import io.idbridge.state.StateUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Anything thrown below, and any {@code sendError} (the 405 of {@code HttpServlet}, say), becomes
 * the contract's error with the request id: no stack trace or container error page ever reaches a
 * client. Sits after the request id and access log, so both see the final status.
 */
public final class ErrorFilter extends HttpFilter {
  private static final System.Logger LOG = System.getLogger(ErrorFilter.class.getName());

  private final ErrorShapes shapes;

  public ErrorFilter(ErrorShapes shapes) {
    this.shapes = shapes;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException {
    ErrorShape shape = shapes.forPath(Requests.path(req));
    try {
      chain.doFilter(req, new SendErrorAsContractError(req, res, shape));
    } catch (Exception e) {
      Responses.error(req, res, shape, replyFor(e));
    }
  }

  static ErrorReply replyFor(Throwable e) {
    Throwable cause = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof HttpError h) {
      return h.error();
    }
    if (cause instanceof HashingBusyException busy) {
      // Expected under load and logged by no one: a line per refused login would flood the log.
      return ErrorReply.unavailable("too many logins at once; try again shortly")
          .retryingAfter(busy.retryAfter());
    }
    if (cause instanceof DirectoryUnavailableException) {
      LOG.log(
          System.Logger.Level.WARNING,
          RequestIds.current() + " user directory unavailable: " + cause.getMessage());
      return ErrorReply.unavailable("the user directory is unavailable; try again shortly");
    }
    if (cause instanceof StateUnavailableException) {
      LOG.log(
          System.Logger.Level.WARNING,
          RequestIds.current() + " shared state unavailable: " + cause.getMessage());
      return ErrorReply.unavailable("the session store is unavailable; try again shortly");
    }
    LOG.log(System.Logger.Level.ERROR, RequestIds.current() + " internal error", cause);
    return ErrorReply.internal();
  }

  /** Turns the container's error pages into the contract's error body. */
  private static final class SendErrorAsContractError extends HttpServletResponseWrapper {
    private final HttpServletRequest req;
    private final ErrorShape shape;

    SendErrorAsContractError(HttpServletRequest req, HttpServletResponse res, ErrorShape shape) {
      super(res);
      this.req = req;
      this.shape = shape;
    }

    @Override
    public void sendError(int status) throws IOException {
      sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      Responses.error(req, (HttpServletResponse) getResponse(), shape, StatusErrors.of(status));
    }
  }
}
