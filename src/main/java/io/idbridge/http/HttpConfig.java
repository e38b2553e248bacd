package io.idbridge.http;

import io.idbridge.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP settings shared by every contract.
 *
 * @param maxBodyBytes larger request bodies get 413
 * @param trustedProxies addresses (CIDR) whose {@code X-Forwarded-For} is believed
 */
public record HttpConfig(int maxBodyBytes, List<Cidr> trustedProxies) {

  public static HttpConfig from(ConfigReader r) {
    int max = r.integer("http.maxBodyBytes", 65536, 1024, 16 * 1024 * 1024);
    return new HttpConfig(max, Cidr.parseAll(r, "http.trustedProxies"));
  }

  public ClientAddresses clientAddresses() {
    return new ClientAddresses(new ArrayList<>(trustedProxies));
  }
}
