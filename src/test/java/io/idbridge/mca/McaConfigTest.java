package io.idbridge.mca;

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
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class McaConfigTest {
  static PublicKey rsa;

  @BeforeAll
  static void keys() throws Exception {
    rsa = TestKeys.rsa().getPublic();
  }

  static McaConfig read(Map<String, String> properties) {
    return Config.read("f", properties, Map.of()).mca();
  }

  @Test
  void defaultsServeTheIdbridgeRealmForAnyTenantWithoutACallerCheck() {
    McaConfig config = read(Map.of());
    assertEquals(List.of("idbridge"), config.realms());
    assertTrue(config.accepts("any-tenant", "idbridge"));
    assertFalse(config.accepts("any-tenant", "other"));
    assertEquals(3, config.retries());
    assertEquals(Duration.ofMinutes(5), config.stateTtl());
    assertTrue(config.callerKey().isEmpty());
  }

  @Test
  void tenantsAreMatchedWithoutRegardToCase() {
    McaConfig config = read(Map.of("mca.tenants", "4F8C2D3E-1B7A-4C9E-9F10-2A6B5C8D7E01"));
    assertTrue(config.accepts("4f8c2d3e-1b7a-4c9e-9f10-2a6b5c8d7e01", "idbridge"));
    assertFalse(config.accepts("0b1c2d3e-4f50-4617-8899-aabbccddeeff", "idbridge"));
  }

  @Test
  void mcasKeyIsReadAsPemOrAsTheBareNAndEItPublishes() {
    String n = (String) Jwk.toMap(rsa).get("n");
    McaConfig fromJwk =
        read(Map.of("mca.caller.publicKey", "{\"n\":\"" + n + "\",\"e\":\"AQAB\"}"));
    assertEquals(JwsAlgorithm.RS256, fromJwk.callerKey().orElseThrow().algorithm());
    McaConfig fromPem = read(Map.of("mca.caller.publicKey", Pem.toPem(rsa)));
    assertEquals(JwsAlgorithm.RS256, fromPem.callerKey().orElseThrow().algorithm());
  }

  @Test
  void anEcKeyOrGarbageStopsStartUp() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    String ecPem = Pem.toPem(ec.generateKeyPair().getPublic());
    ConfigException e =
        assertThrows(ConfigException.class, () -> read(Map.of("mca.caller.publicKey", ecPem)));
    assertTrue(
        e.getMessage().contains("mca.caller.publicKey: must be an RSA public key"), e.getMessage());
    assertThrows(ConfigException.class, () -> read(Map.of("mca.caller.publicKey", "not a key")));
    assertThrows(ConfigException.class, () -> read(Map.of("mca.caller.publicKey", "{\"n\":")));
  }

  @Test
  void mcasKeyAndBasicCallerCredentialsCannotShareTheAuthorizationHeader() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                read(
                    Map.of(
                        "mca.caller.publicKey",
                        Pem.toPem(rsa),
                        "mca.caller.mode",
                        "basic",
                        "mca.caller.basic.user",
                        "mca",
                        "mca.caller.basic.password",
                        "pw")));
    assertTrue(
        e.getMessage().contains("mca.caller.publicKey: cannot be used with mca.caller.mode=basic"),
        e.getMessage());
  }

  @Test
  void retriesOutOfRangeStopStartUp() {
    assertThrows(ConfigException.class, () -> read(Map.of("mca.retries", "0")));
  }
}
