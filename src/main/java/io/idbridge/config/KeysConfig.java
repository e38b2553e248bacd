package io.idbridge.config;

import java.nio.file.Path;

/**
 * The signing keys' directory and the size of new RSA keys.
 *
 * @param rsaBits 3072 by default (OWASP ASVS 5); IBM App ID needs at least 2048
 */
public record KeysConfig(Path dir, int rsaBits) {
  public static KeysConfig from(ConfigReader r) {
    return new KeysConfig(
        r.path("keys.dir", "conf/keys"), r.integer("keys.rsaBits", 3072, 2048, 8192));
  }
}
