package io.idbridge.voltmx;

import io.idbridge.directory.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A user's attributes as Foundry receives them: user attributes reach the client app, security
 * attributes stay in Foundry for server-side code (agreement, "Security Attributes"), split by
 * {@code voltmx.securityAttributes}.
 */
final class VoltmxAttributes {
  private final Set<String> security;

  VoltmxAttributes(Set<String> security) {
    this.security = security;
  }

  /**
   * {@code user_id} first and always (mandatory in Foundry), then the user's own fields and free
   * attributes.
   */
  Map<String, Object> user(User user) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user_id", user.id());
    out.put("username", user.username());
    putIfSet(out, "display_name", user.displayName());
    putIfSet(out, "email", user.email());
    // A free attribute never replaces the fields above: user_id is what Foundry federates on.
    new TreeMap<>(user.attributes())
        .forEach(
            (name, value) -> {
              if (!security.contains(name)) {
                out.putIfAbsent(name, value);
              }
            });
    return out;
  }

  /** The free attributes named in {@code voltmx.securityAttributes} that the user has. */
  Map<String, Object> security(User user) {
    Map<String, Object> out = new LinkedHashMap<>();
    new TreeMap<>(user.attributes())
        .forEach(
            (name, value) -> {
              if (security.contains(name)) {
                out.put(name, value);
              }
            });
    return out;
  }

  private static void putIfSet(Map<String, Object> out, String name, String value) {
    if (!value.isEmpty()) {
      out.put(name, value);
    }
  }
}
