package io.idbridge.http;

import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The request id: which headers carry it, and the one of the request being served on this thread.
 */
public final class RequestIds {
  /**
   * Foundry's documented header, its older name that deployed servers still send, and the common
   * one.
   */
  public static final List<String> HEADERS =
      List.of("X-VoltMX-RequestId", "X-Kony-RequestId", "X-Request-Id");

  static final String ATTRIBUTE = "idbridge.requestId";

  /** An id we did not make goes into logs and headers: it must not be able to forge a log line. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private RequestIds() {}

  /** The id of the request on this thread, or "-" outside a request (the CLI, start-up). */
  public static String current() {
    String id = CURRENT.get();
    return id == null ? "-" : id;
  }

  /** The first of {@link #HEADERS} that a request carries, by the given lookup; null for none. */
  public static String sentHeader(UnaryOperator<String> header) {
    for (String name : HEADERS) {
      if (header.apply(name) != null) {
        return name;
      }
    }
    return null;
  }

  /** The id sent, when it is safe to repeat; else a new one. */
  public static String accept(String sent) {
    return sent != null && SAFE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
  }

  static void set(String id) {
    CURRENT.set(id);
  }

  static void clear() {
    CURRENT.remove();
  }

  public static String of(jakarta.servlet.http.HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    return id == null ? current() : id.toString();
  }
}
