package io.idbridge;

import io.idbridge.config.ConfigReader;
import io.idbridge.http.Cidr;
import java.util.List;

/**
 * Where {@code /metrics} and {@code /health/live|ready} are served: under {@code java -jar} on a
 * port of their own; under a servlet container on the context path, to the addresses of {@code
 * allow} only.
 */
public record ManagementConfig(String host, int port, List<Cidr> allow) {
  public static ManagementConfig from(ConfigReader r) {
    String host = r.string("management.host", "127.0.0.1");
    int port = r.integer("management.port", 9000, 0, 65535);
    List<Cidr> allow = Cidr.parseAll(r, "management.allow");
    return new ManagementConfig(
        host,
        port,
        allow.isEmpty() ? List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1")) : allow);
  }
}
