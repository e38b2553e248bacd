package io.idbridge.voltmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import io.idbridge.jwt.Jwk;
import io.idbridge.jwt.JwsAlgorithm;
import io.idbridge.jwt.Pem;
import io.idbridge.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoltmxConfigTest {
  static final KeyPair KEYS = TestKeys.ec();

  private static VoltmxConfig read(Map<String, String> props) {
    return Config.read("f", props, Map.of()).voltmx();
  }

  @Test
  void theDefaultsFollowTheAgreement() {
    VoltmxConfig config = read(Map.of());
    assertEquals("userid", config.useridField());
    assertEquals("password", config.passwordField());
    assertEquals("", config.appField());
    assertFalse(config.mfaEnabled());
    assertTrue(config.foundryKeys().isEmpty());
    assertEquals(Set.of(), config.securityAttributes());
  }

  @Test
  void theFoundryKeyIsAPemOrAJwkInlineOrInAFile(@TempDir Path dir) throws Exception {
    String pem = Pem.toPem(KEYS.getPublic());
    String jwk = Jwk.toJson(KEYS.getPublic(), "k1", JwsAlgorithm.ES256);
    Files.writeString(dir.resolve("foundry.pem"), pem);
    Files.writeString(dir.resolve("foundry.jwks"), "{\"keys\":[" + jwk + "]}");
    for (String value :
        new String[] {
          pem, jwk, dir.resolve("foundry.pem").toString(), dir.resolve("foundry.jwks").toString()
        }) {
      assertEquals(1, read(Map.of("voltmx.foundry.publicKey", value)).foundryKeys().size(), value);
    }
    assertEquals("k1", read(Map.of("voltmx.foundry.publicKey", jwk)).foundryKeys().get(0).keyId());
  }

  @Test
  void anUnusableFoundryKeyStopsStartUpNamingTheKey(@TempDir Path dir) {
    String twoWithoutKids =
        "{\"keys\":["
            + Jwk.toJson(KEYS.getPublic(), null, JwsAlgorithm.ES256)
            + ","
            + Jwk.toJson(TestKeys.ec().getPublic(), null, JwsAlgorithm.ES256)
            + "]}";
    for (String value :
        new String[] {
          "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
          "{\"kty\":\"RSA\"}",
          dir.resolve("missing.pem").toString(),
          twoWithoutKids,
          "{\"keys\":[]}"
        }) {
      ConfigException e =
          assertThrows(
              ConfigException.class, () -> read(Map.of("voltmx.foundry.publicKey", value)), value);
      assertTrue(e.getMessage().contains("f: voltmx.foundry.publicKey: "), e.getMessage());
    }
  }
}
