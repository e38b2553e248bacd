package io.idbridge.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which error shape serves which path prefix, so that errors raised outside a servlet (a filter,
 * the container, an unknown path under a contract) still answer in that contract's format.
 */
public final class ErrorShapes {
  /** The shape of our own API and of paths that belong to no contract. */
  public static final ErrorShape DEFAULT =
      (error, requestId) -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.message());
        body.put("request_id", requestId);
        return body;
      };

  private final Map<String, ErrorShape> byPrefix = new LinkedHashMap<>();

  /** Registers the shape of every path under a prefix such as {@code /voltmx}. */
  public ErrorShapes add(String prefix, ErrorShape shape) {
    byPrefix.put(prefix, shape);
    return this;
  }

  public ErrorShape forPath(String path) {
    for (Map.Entry<String, ErrorShape> e : byPrefix.entrySet()) {
      if (path.equals(e.getKey()) || path.startsWith(e.getKey() + "/")) {
        return e.getValue();
      }
    }
    return DEFAULT;
  }
}
