package io.idbridge.appid;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** OAuth scope lists: space-separated scope tokens (RFC 6749 §3.3). */
final class Scopes {
  // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), so no quote, backslash, space or
  // control.
  private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  private Scopes() {}

  /** The scope tokens of a text separated by spaces or commas; empty for a blank text. */
  static List<String> parse(String text) {
    List<String> scopes = new ArrayList<>();
    for (String token : text.strip().split("[\\s,]+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (!TOKEN.matcher(token).matches()) {
        throw new IllegalArgumentException(
            "a scope may hold only printable ASCII without quotes or backslashes");
      }
      scopes.add(token);
    }
    return scopes;
  }

  /** Both lists in order, each scope once, as one space-separated text. */
  static String join(List<String> first, List<String> second) {
    Set<String> all = new LinkedHashSet<>(first);
    all.addAll(second);
    return String.join(" ", all);
  }
}
