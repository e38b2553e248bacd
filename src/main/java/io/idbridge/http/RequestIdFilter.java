package io.idbridge.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Honours the request id a caller sent ({@code X-VoltMX-RequestId}, {@code X-Kony-RequestId},
 * {@code X-Request-Id}) or makes one, and echoes it. First in the chain, so that every log line and
 * error has it; also on the container's error dispatch, so that the errors it raises have it too.
 */
public final class RequestIdFilter extends HttpFilter {
  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.getAttribute(RequestIds.ATTRIBUTE) != null) {
      // The error dispatch of a request that already has its id.
      chain.doFilter(req, res);
      return;
    }
    String sentHeader = RequestIds.sentHeader(req::getHeader);
    String id = RequestIds.accept(sentHeader == null ? null : req.getHeader(sentHeader));
    req.setAttribute(RequestIds.ATTRIBUTE, id);
    res.setHeader("X-Request-Id", id);
    if (sentHeader != null && !sentHeader.equals("X-Request-Id")) {
      res.setHeader(sentHeader, id);
    }
    RequestIds.set(id);
    try {
      chain.doFilter(req, res);
    } finally {
      RequestIds.clear();
    }
  }
}
