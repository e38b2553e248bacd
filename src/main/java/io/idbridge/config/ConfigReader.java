package io.idbridge.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated access to one properties file plus {@code IDBRIDGE_*} environment overrides.
 *
 * <p>Every section record reads its keys through this class, which remembers each key asked for: a
 * key in the file that nobody asked for is unknown and stops start-up, and problems are collected
 * so that one start-up reports all of them at once, as {@code file: key: why (value)}.
 */
public final class ConfigReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final String source;
  private final Map<String, String> properties;
  private final Map<String, String> env;
  private final Set<String> keysRead = new LinkedHashSet<>();
  private final Map<String, String> shown = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  public ConfigReader(String source, Map<String, String> properties, Map<String, String> env) {
    this.source = source;
    this.properties = Map.copyOf(properties);
    this.env = Map.copyOf(env);
  }

  /**
   * The environment variable that overrides a key: {@code IDBRIDGE_} + key upper-cased, dots as
   * underscores.
   */
  public static String envName(String key) {
    return "IDBRIDGE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The raw value, blank when unset; the environment wins over the file. */
  private String raw(String key) {
    keysRead.add(key);
    String fromEnv = env.get(envName(key));
    String value = fromEnv != null ? fromEnv : properties.get(key);
    return value == null ? "" : value.trim();
  }

  public String string(String key, String defaultValue) {
    String value = raw(key);
    return show(key, value.isEmpty() ? defaultValue : value);
  }

  /** A value that must never be echoed, in errors or logs: the effective configuration masks it. */
  public Optional<String> secret(String key) {
    String value = raw(key);
    shown.put(key, value.isEmpty() ? "" : EffectiveConfig.MASK);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  public Optional<String> optional(String key) {
    String value = show(key, raw(key));
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    int value = readInteger(key, defaultValue, min, max);
    show(key, Integer.toString(value));
    return value;
  }

  private int readInteger(String key, int defaultValue, int min, int max) {
    String value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        problem(key, "must be between " + min + " and " + max, value);
        return defaultValue;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problem(key, "must be a whole number", value);
      return defaultValue;
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    boolean value = readBool(key, defaultValue);
    show(key, Boolean.toString(value));
    return value;
  }

  private boolean readBool(String key, boolean defaultValue) {
    String value = raw(key).toLowerCase(Locale.ROOT);
    switch (value) {
      case "":
        return defaultValue;
      case "true":
        return true;
      case "false":
        return false;
      default:
        problem(key, "must be true or false", value);
        return defaultValue;
    }
  }

  /**
   * A duration written as a number and a unit: {@code 500ms}, {@code 30s}, {@code 30m}, {@code
   * 168h}, {@code 7d}.
   */
  public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
    Duration value = readDuration(key, defaultValue, min, max);
    show(key, Durations.format(value));
    return value;
  }

  private Duration readDuration(String key, Duration defaultValue, Duration min, Duration max) {
    String value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      problem(key, "must be a number with a unit ms, s, m, h or d, such as 30m", value);
      return defaultValue;
    }
    long amount = Long.parseLong(m.group(1));
    Duration parsed =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      problem(
          key, "must be between " + Durations.format(min) + " and " + Durations.format(max), value);
      return defaultValue;
    }
    return parsed;
  }

  /**
   * One of an enum's constants, written in lower case with {@code -} or {@code +} for the
   * underscore: {@code ip+user} is {@code IP_USER}, {@code revoke-oldest} is {@code REVOKE_OLDEST}.
   */
  public <E extends Enum<E>> E choice(String key, E defaultValue) {
    E value = readChoice(key, defaultValue);
    show(key, label(value));
    return value;
  }

  private <E extends Enum<E>> E readChoice(String key, E defaultValue) {
    String value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    String constant = value.toUpperCase(Locale.ROOT).replace('-', '_').replace('+', '_');
    for (E e : defaultValue.getDeclaringClass().getEnumConstants()) {
      if (e.name().equals(constant)) {
        return e;
      }
    }
    List<String> allowed =
        Arrays.stream(defaultValue.getDeclaringClass().getEnumConstants())
            .map(ConfigReader::label)
            .toList();
    problem(key, "must be one of " + String.join(", ", allowed), value);
    return defaultValue;
  }

  /** How an enum constant is written in the file; the inverse of {@link #choice}. */
  public static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A comma-separated list; blank entries are dropped. */
  public List<String> list(String key, String defaultValue) {
    String value = string(key, defaultValue);
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public Path path(String key, String defaultValue) {
    return Path.of(string(key, defaultValue));
  }

  /**
   * Records a problem with a key; the value is echoed only when it is not a secret (pass null for
   * secrets).
   */
  public void problem(String key, String why, String value) {
    problems.add(source + ": " + key + ": " + why + (value == null ? "" : " (" + value + ")"));
  }

  public String source() {
    return source;
  }

  public Set<String> keysRead() {
    return Set.copyOf(keysRead);
  }

  /**
   * Every key read so far with the value in effect, defaults included, secrets masked: what {@code
   * config check} prints and the server logs at start-up.
   */
  public EffectiveConfig effective() {
    return new EffectiveConfig(source, shown);
  }

  private String show(String key, String value) {
    shown.put(key, EffectiveConfig.maskInline(value));
    return value;
  }

  /** Fails start-up once, listing every unknown key and every problem found so far. */
  public void finish() {
    List<String> all = new ArrayList<>();
    for (String key : new TreeSet<>(properties.keySet())) {
      if (!keysRead.contains(key)) {
        all.add(
            source
                + ": "
                + key
                + ": unknown key (see conf/idbridge.properties for the keys there are)");
      }
    }
    all.addAll(problems);
    if (!all.isEmpty()) {
      throw new ConfigException(all);
    }
  }
}
