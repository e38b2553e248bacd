package io.idbridge.http;

import io.idbridge.config.ConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP settings shared by every contract.
 *
 * @param maxBodyBytes larger request bodies get 413
 * @param bodyTimeout a body not received within this gets 408
 * @param maxHeaderBytes a longer URL gets 414, larger header fields 431
 * @param trustedProxies addresses (CIDR) whose {@code X-Forwarded-For} is believed
 */
public record HttpConfig(
    int maxBodyBytes, Duration bodyTimeout, int maxHeaderBytes, List<Cidr> trustedProxies) {

  public static HttpConfig from(ConfigReader r) {
    int max = r.integer("http.maxBodyBytes", 65536, 1024, 16 * 1024 * 1024);
    Duration bodyTimeout =
        r.duration(
            "http.bodyTimeout",
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofMinutes(5));
    int maxHeader = r.integer("http.maxHeaderBytes", 8192, 1024, 65536);
    return new HttpConfig(max, bodyTimeout, maxHeader, Cidr.parseAll(r, "http.trustedProxies"));
  }

  public ClientAddresses clientAddresses() {
    return new ClientAddresses(new ArrayList<>(trustedProxies));
  }
}
