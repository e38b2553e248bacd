package io.idbridge.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the nearest
 * address in {@code X-Forwarded-For} (all its lines, read right to left as Tomcat's RemoteIpValve
 * does) that is not itself a trusted proxy. A header from anyone else is ignored, so a client
 * cannot pick the address its failures are counted under.
 */
public final class ClientAddresses {
  private final List<Cidr> trustedProxies;

  public ClientAddresses(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  public String of(HttpServletRequest req) {
    // RFC 9110 §5.3: several lines of one field are one comma-separated list, in order; each proxy
    // appends the address it saw, so the nearest trusted proxy's entry is read from the right.
    return of(
        req.getRemoteAddr(), String.join(",", Collections.list(req.getHeaders("X-Forwarded-For"))));
  }

  /**
   * @param forwarded every {@code X-Forwarded-For} line joined with commas, or null
   */
  String of(String peer, String forwarded) {
    if (!trusted(peer)) {
      return peer;
    }
    if (forwarded == null || forwarded.isBlank()) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!trusted(hop)) {
        return hop.isEmpty() ? peer : hop;
      }
    }
    return hops[0].trim();
  }

  private boolean trusted(String address) {
    for (Cidr proxy : trustedProxies) {
      if (proxy.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
