package io.idbridge.jdbc;

import io.idbridge.config.ConfigException;
import io.idbridge.config.ConfigReader;
import io.idbridge.config.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One JDBC connection pool's settings, read under a prefix ({@code directory.jdbc}, {@code
 * state.jdbc}).
 *
 * @param source the configuration file, so that later problems (bad SQL) are reported like the
 *     reader's own
 * @param connectTimeout how long a caller waits for a connection, and the driver for a TCP connect
 * @param queryTimeout how long one statement may run; the driver's socket timeout is a little
 *     longer
 */
public record JdbcPoolConfig(
    String source,
    String prefix,
    String url,
    Optional<String> user,
    Optional<String> password,
    int poolSize,
    Duration connectTimeout,
    Duration queryTimeout) {

  /**
   * Reads the keys; {@code active} says whether this store is in use, so that its URL must be
   * given.
   */
  public static JdbcPoolConfig from(ConfigReader r, String prefix, boolean active) {
    Optional<String> url = r.optional(prefix + ".url");
    Optional<String> user = r.optional(prefix + ".user");
    Optional<String> password = r.secret(prefix + ".password");
    int poolSize = r.integer(prefix + ".poolSize", 8, 1, 200);
    Duration connect =
        r.duration(
            prefix + ".connectTimeout",
            Duration.ofSeconds(5),
            Duration.ofMillis(250),
            Duration.ofMinutes(5));
    Duration query =
        r.duration(
            prefix + ".queryTimeout",
            Duration.ofSeconds(5),
            Duration.ofSeconds(1),
            Duration.ofMinutes(5));
    if (active && url.isEmpty()) {
      r.problem(
          prefix + ".url",
          "required: a JDBC URL such as jdbc:postgresql://db.example.com:5432/users",
          null);
    } else if (active && !url.get().startsWith("jdbc:")) {
      // Not echoed: a URL may carry a password.
      r.problem(
          prefix + ".url", "must start with jdbc: (jdbc:postgresql://…, jdbc:mariadb://…)", null);
    }
    return new JdbcPoolConfig(
        r.source(), prefix, url.orElse(""), user, password, poolSize, connect, query);
  }

  /**
   * A problem with one of this pool's keys, found after the reader finished (by running the SQL,
   * say).
   */
  public ConfigException problem(String name, String why) {
    return new ConfigException(List.of(source + ": " + prefix + "." + name + ": " + why));
  }

  /** A statement bounded by the query timeout. */
  public PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setQueryTimeout(queryTimeoutSeconds());
    return ps;
  }

  /** Whole seconds, at least one: JDBC's {@code setQueryTimeout} counts in seconds. */
  public int queryTimeoutSeconds() {
    return (int) Math.max(1, (queryTimeout.toMillis() + 999) / 1000);
  }

  /** The URL without its query string, which may carry a password. */
  public String safeUrl() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  @Override
  public String toString() {
    return prefix
        + "[url="
        + safeUrl()
        + ", user="
        + user.orElse("")
        + ", password="
        + (password.isPresent() ? "****" : "")
        + ", poolSize="
        + poolSize
        + ", connectTimeout="
        + Durations.format(connectTimeout)
        + ", queryTimeout="
        + Durations.format(queryTimeout)
        + "]";
  }
}
