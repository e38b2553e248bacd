package io.idbridge.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * Refuses a URL over {@code http.maxHeaderBytes} with 414 and header fields over it with 431. The
 * container's own parser allows more (see {@code Main}), so that these answers come from here, in
 * the contract's shape with the request id, rather than from the container before any filter.
 */
public final class HeaderLimitFilter extends HttpFilter {
  private final int maxBytes;

  public HeaderLimitFilter(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String query = req.getQueryString();
    if (req.getRequestURI().length() + (query == null ? 0 : query.length() + 1) > maxBytes) {
      throw new HttpError(
          414, "uri_too_long", "the URL is longer than " + maxBytes + " bytes; send it shorter");
    }
    long size = 0;
    for (String name : Collections.list(req.getHeaderNames())) {
      for (String value : Collections.list(req.getHeaders(name))) {
        // RFC 9112 §5: name ": " value CRLF
        size += name.length() + value.length() + 4;
      }
    }
    if (size > maxBytes) {
      throw new HttpError(
          431,
          "header_too_large",
          "the request's header fields are larger than " + maxBytes + " bytes");
    }
    chain.doFilter(req, res);
  }
}
