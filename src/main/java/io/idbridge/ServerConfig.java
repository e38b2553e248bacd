package io.idbridge;

import io.idbridge.config.ConfigReader;
import io.idbridge.tls.TlsConfig;

/**
 * Where the embedded server listens, and whether with HTTPS; {@code server.port=0} picks a free
 * port. A servlet container ignores it.
 */
public record ServerConfig(String host, int port, TlsConfig tls) {
  public static ServerConfig from(ConfigReader r) {
    return new ServerConfig(
        r.string("server.host", "0.0.0.0"),
        r.integer("server.port", 8080, 0, 65535),
        TlsConfig.from(r));
  }
}
