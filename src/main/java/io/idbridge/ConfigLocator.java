package io.idbridge;

import io.idbridge.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the configuration file, by one rule for {@code java -jar}, the CLI and the WAR: the file
 * named by {@code --config}, else the system property {@code idbridge.config}, else the environment
 * variable {@code IDBRIDGE_CONFIG}, else the WAR's context parameter {@code idbridge.config}; with
 * none, {@code conf/idbridge.properties} when present (on the command line only: a container's
 * working directory is not ours), else the embedded defaults. A file that was named but is missing
 * stops start-up.
 */
public final class ConfigLocator {
  private static final System.Logger LOG = System.getLogger(ConfigLocator.class.getName());
  static final Path DEFAULT_FILE = Path.of("conf/idbridge.properties");

  private ConfigLocator() {}

  /** For {@code java -jar} and the CLI. */
  public static Config forCommandLine(Optional<String> configOption, Map<String, String> env) {
    return locate(configOption, Optional.empty(), env)
        .orElseGet(
            () ->
                Files.exists(DEFAULT_FILE) ? Config.load(DEFAULT_FILE, env) : Config.defaults(env));
  }

  /** For a deployed WAR. */
  static Config forWebapp(String contextParameter, Map<String, String> env) {
    return locate(Optional.empty(), Optional.ofNullable(contextParameter), env)
        .orElseGet(
            () -> {
              LOG.log(
                  System.Logger.Level.WARNING,
                  "no idbridge.config given: using the embedded defaults");
              return Config.defaults(env);
            });
  }

  private static Optional<Config> locate(
      Optional<String> option, Optional<String> contextParameter, Map<String, String> env) {
    Optional<String> named =
        Stream.of(
                option,
                Optional.ofNullable(System.getProperty("idbridge.config")),
                Optional.ofNullable(env.get("IDBRIDGE_CONFIG")),
                contextParameter)
            .flatMap(Optional::stream)
            .filter(location -> !location.isBlank())
            .findFirst();
    if (named.isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(named.get());
    if (!Files.exists(file)) {
      throw new ConfigException(List.of(file + ": the configuration file does not exist"));
    }
    return Optional.of(Config.load(file, env));
  }
}
