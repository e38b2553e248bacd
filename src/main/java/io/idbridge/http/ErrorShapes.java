package io.idbridge.http;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which error shape serves which path prefix, so that errors raised outside a servlet (a filter,
 * the container, an unknown path under a contract) still answer in that contract's format. Fixed
 * once built; the longest matching prefix wins, whatever the order the prefixes were given in.
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

  private final List<Map.Entry<String, ErrorShape>> longestFirst;

  /**
   * @param byPrefix the shape of every path under a prefix such as {@code /voltmx}
   */
  public ErrorShapes(Map<String, ErrorShape> byPrefix) {
    this.longestFirst =
        byPrefix.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue()))
            .sorted(
                Comparator.comparingInt((Map.Entry<String, ErrorShape> e) -> e.getKey().length())
                    .reversed())
            .toList();
  }

  public ErrorShape forPath(String path) {
    for (Map.Entry<String, ErrorShape> e : longestFirst) {
      if (path.equals(e.getKey()) || path.startsWith(e.getKey() + "/")) {
        return e.getValue();
      }
    }
    return DEFAULT;
  }
}
