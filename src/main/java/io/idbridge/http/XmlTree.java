package io.idbridge.http;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The XML form of a JSON-like tree: the same tree as elements under a {@code <response>} root (no
 * platform documents an XML sample, so this is our decision; see contracts.md). A list repeats an
 * {@code <item>} element.
 */
final class XmlTree {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

  private XmlTree() {}

  static String toXml(Map<String, ?> tree) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    element(out, "response", tree);
    return out.toString();
  }

  private static void element(StringBuilder out, String name, Object value) {
    // A key that is no XML name (a free attribute, say) keeps its name in an attribute instead.
    boolean plain = NAME.matcher(name).matches() && !name.regionMatches(true, 0, "xml", 0, 3);
    out.append('<').append(plain ? name : "entry key=\"" + escape(name) + "\"").append('>');
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> element(out, String.valueOf(k), v));
    } else if (value instanceof Collection<?> list) {
      list.forEach(v -> element(out, "item", v));
    } else if (value != null) {
      out.append(escape(String.valueOf(value)));
    }
    out.append("</").append(plain ? name : "entry").append('>');
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          // Characters XML 1.0 cannot carry at all are dropped rather than breaking the document.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
