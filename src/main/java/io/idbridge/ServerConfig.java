package io.idbridge;

import io.idbridge.config.ConfigReader;

/**
 * Where the embedded server listens; {@code server.port=0} picks a free port. A servlet container
 * ignores it.
 */
public record ServerConfig(String host, int port) {
  public static ServerConfig from(ConfigReader r) {
    return new ServerConfig(
        r.string("server.host", "0.0.0.0"), r.integer("server.port", 8080, 0, 65535));
  }
}
