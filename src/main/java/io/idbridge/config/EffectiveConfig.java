package io.idbridge.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The configuration in effect, every key with its value, defaults included and secrets masked:
 * printed by {@code config check} and logged once at start-up.
 */
public record EffectiveConfig(String source, Map<String, String> values) {
  static final String MASK = "****";

  // A password written into a value that is not a secret key: a JDBC URL's ?password=, a URL's
  // user:password@.
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)((?:password|pwd|secret)=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

  public EffectiveConfig {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  static String maskInline(String value) {
    String masked = PASSWORD_PARAMETER.matcher(value).replaceAll("$1" + MASK);
    return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
  }

  /** One {@code key=value} line per key, sorted, so that a section's keys stand together. */
  public String render() {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(values)
        .forEach((k, v) -> out.append(k).append('=').append(v).append(System.lineSeparator()));
    return out.toString();
  }
}
