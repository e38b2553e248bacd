package io.idbridge.state;

import io.idbridge.config.ConfigReader;

/** Where the state nodes must share lives: in memory for one node. */
public record StateConfig(Type type) {

  public enum Type {
    MEMORY
  }

  public static StateConfig from(ConfigReader r) {
    return new StateConfig(r.choice("state.type", Type.MEMORY));
  }
}
