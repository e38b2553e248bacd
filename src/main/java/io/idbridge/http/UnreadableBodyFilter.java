package io.idbridge.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers a request whose body {@link BodyReadFilter} could not read (too large 413, too slow 408,
 * malformed 400) with one log line and no stack trace. After the error filter, so the answer is in
 * the contract's shape with the request id.
 */
public final class UnreadableBodyFilter extends HttpFilter {
  private static final System.Logger LOG = System.getLogger(UnreadableBodyFilter.class.getName());

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    var failure = RequestBody.failure(req);
    if (failure.isPresent()) {
      LOG.log(
          System.Logger.Level.INFO,
          RequestIds.current()
              + " request body refused: "
              + Requests.printable(failure.get().why()));
      throw new HttpError(failure.get().error());
    }
    chain.doFilter(req, res);
  }
}
