package io.idbridge.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a declared body over the limit with 413 before reading it, and sets the limit that {@link
 * RequestBody} enforces on bodies sent without a length (chunked).
 */
public final class BodyLimitFilter extends HttpFilter {
  private final int maxBytes;

  public BodyLimitFilter(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.getContentLengthLong() > maxBytes) {
      throw RequestBody.tooLarge(maxBytes);
    }
    req.setAttribute(RequestBody.LIMIT_ATTRIBUTE, maxBytes);
    chain.doFilter(req, res);
  }
}
