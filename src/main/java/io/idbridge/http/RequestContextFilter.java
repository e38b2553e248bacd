package io.idbridge.http;

import io.idbridge.audit.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Tells the core which request it serves: the request id, the contract of the path and the client's
 * address go into every audit event and login metric. Sits right after the request id.
 */
public final class RequestContextFilter extends HttpFilter {
  private final Set<String> contracts;
  private final ClientAddresses addresses;

  /**
   * @param contracts the first path segments that name a contract: {@code voltmx}, {@code api}…
   */
  public RequestContextFilter(Set<String> contracts, ClientAddresses addresses) {
    this.contracts = Set.copyOf(contracts);
    this.addresses = addresses;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    new RequestContext(RequestIds.of(req), contract(Requests.path(req)), addresses.of(req)).enter();
    try {
      chain.doFilter(req, res);
    } finally {
      RequestContext.clear();
    }
  }

  private String contract(String path) {
    int end = path.indexOf('/', 1);
    String first = end < 0 ? path.substring(1) : path.substring(1, end);
    return contracts.contains(first) ? first : "-";
  }
}
