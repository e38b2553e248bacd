package io.idbridge.appid;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Components;
import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import io.idbridge.jwt.Jwk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** App ID requires an RSA key of at least 2048 bits: a smaller one stops start-up. */
class AppIdSigningKeyTest {

  @Test
  void anRsaKeyUnder2048BitsStopsStartUpNamingTheKeysDirectory(@TempDir Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    KeyPair weak = generator.generateKeyPair();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(weak.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.writeString(
        keys.resolve("20260101T000000Z." + Jwk.thumbprint(weak.getPublic()) + ".key.pem"), pem);
    Config config =
        Config.read(
            "f",
            Map.of(
                "keys.dir",
                keys.toString(),
                "directory.file.path",
                dir.resolve("users.json").toString(),
                "appid.audience",
                "https://us-south.appid.cloud.ibm.com/oauth/v4/t"),
            Map.of());
    String message =
        assertThrows(ConfigException.class, () -> Components.build(config, Clock.systemUTC()))
            .getMessage();
    assertTrue(message.startsWith("f: keys.dir:"), message);
    assertTrue(message.contains("RSA key of 1024 bits refused"), message);
  }
}
