package io.idbridge.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Keeps the management endpoints off the contract port: under {@code java -jar} they answer only on
 * the management port, which answers nothing else; in a servlet container, only to the addresses of
 * {@code management.allow}. Anyone else gets the 404 of an unknown path. {@code /health} is served
 * everywhere, as before, for load balancers. Sits after the error filter, which renders the 404.
 */
public final class ManagementFilter extends HttpFilter {
  public static final Set<String> PATHS = Set.of("/metrics", "/health/live", "/health/ready");

  private final OptionalInt port;
  private final List<Cidr> allow;
  private final ClientAddresses addresses;

  /**
   * @param port the management connector's port under {@code java -jar}; empty in a container
   */
  public ManagementFilter(OptionalInt port, List<Cidr> allow, ClientAddresses addresses) {
    this.port = port;
    this.allow = List.copyOf(allow);
    this.addresses = addresses;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = Requests.path(req);
    if (!path.equals("/health") && !allowed(req, PATHS.contains(path))) {
      throw new HttpError(StatusErrors.of(404));
    }
    chain.doFilter(req, res);
  }

  private boolean allowed(HttpServletRequest req, boolean management) {
    if (port.isPresent()) {
      return management == (req.getLocalPort() == port.getAsInt());
    }
    // The address trusted proxies forward, not theirs: a proxy on this host would else open it to
    // all.
    String client = addresses.of(req);
    return !management || allow.stream().anyMatch(c -> c.contains(client));
  }
}
