package io.idbridge.state;

import io.idbridge.config.ConfigReader;
import io.idbridge.state.jdbc.JdbcStateConfig;

/**
 * Where the state nodes must share lives: in memory for one node, in a SQL database for a cluster.
 */
public record StateConfig(Type type, JdbcStateConfig jdbc) {

  public enum Type {
    MEMORY,
    JDBC,
  }

  public static StateConfig from(ConfigReader r) {
    Type type = r.choice("state.type", Type.MEMORY);
    return new StateConfig(type, JdbcStateConfig.from(r, type == Type.JDBC));
  }
}
