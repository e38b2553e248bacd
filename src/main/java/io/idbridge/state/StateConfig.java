package io.idbridge.state;

import io.idbridge.config.ConfigReader;
import io.idbridge.state.jdbc.JdbcStateConfig;
import java.time.Duration;

/**
 * Where the state nodes must share lives: in memory for one node, in a SQL database for a cluster.
 *
 * @param revocationCacheTtl how long a node believes a session is not revoked before it asks the
 *     store again: the staleness a cluster accepts so that a verify need not make a round trip
 */
public record StateConfig(Type type, JdbcStateConfig jdbc, Duration revocationCacheTtl) {

  public enum Type {
    MEMORY,
    JDBC,
  }

  public static StateConfig from(ConfigReader r) {
    Type type = r.choice("state.type", Type.MEMORY);
    Duration revocationCacheTtl =
        r.duration(
            "state.revocationCacheTtl",
            Duration.ofSeconds(1),
            Duration.ZERO,
            Duration.ofMinutes(5));
    return new StateConfig(type, JdbcStateConfig.from(r, type == Type.JDBC), revocationCacheTtl);
  }
}
