package io.idbridge.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** Small facts about a request that filters and servlets both need. */
public final class Requests {
  private Requests() {}

  /** The path inside the application, without the context path or query, safe to log. */
  public static String path(HttpServletRequest req) {
    String uri = req.getRequestURI();
    String path = uri.substring(Math.min(req.getContextPath().length(), uri.length()));
    return printable(path);
  }

  /**
   * The text with each ASCII control character (a CR or LF that would forge a log line) as {@code
   * ?}; on every request, so a loop rather than a regular expression.
   */
  public static String printable(String text) {
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = '?';
      }
    }
    return chars == null ? text : new String(chars);
  }

  /**
   * Whether the caller prefers XML to JSON, by the q-values of its Accept header (JSON wins a tie).
   */
  public static boolean prefersXml(HttpServletRequest req) {
    return prefersXml(req.getHeader("Accept"));
  }

  static boolean prefersXml(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    double xml = 0;
    double json = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (type.equals("application/xml") || type.equals("text/xml")) {
        xml = Math.max(xml, q);
      } else if (type.equals("application/json")
          || type.equals("*/*")
          || type.equals("application/*")) {
        json = Math.max(json, q);
      }
    }
    return xml > json;
  }
}
