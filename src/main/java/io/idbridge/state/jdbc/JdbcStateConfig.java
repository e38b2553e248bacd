package io.idbridge.state.jdbc;

import io.idbridge.config.ConfigReader;
import io.idbridge.jdbc.JdbcPoolConfig;
import java.util.regex.Pattern;

/**
 * The settings of {@code state.type=jdbc}.
 *
 * @param tablePrefix starts the names of the tables idbridge creates, so that several installations
 *     (or test runs) can share one database
 */
public record JdbcStateConfig(JdbcPoolConfig pool, String tablePrefix) {
  /**
   * Written into SQL as it is (a table name cannot be a parameter): so only a plain lower-case
   * identifier.
   */
  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

  public static JdbcStateConfig from(ConfigReader r, boolean active) {
    JdbcPoolConfig pool = JdbcPoolConfig.from(r, "state.jdbc", active);
    String prefix = r.string("state.jdbc.tablePrefix", "idbridge_");
    if (!PREFIX.matcher(prefix).matches()) {
      r.problem(
          "state.jdbc.tablePrefix",
          "must be 1 to 40 lower-case letters, digits or _, not starting with a digit",
          prefix);
      prefix = "idbridge_";
    }
    return new JdbcStateConfig(pool, prefix);
  }
}
