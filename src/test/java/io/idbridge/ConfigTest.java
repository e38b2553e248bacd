package io.idbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.config.ConfigException;
import io.idbridge.config.ConfigReader;
import io.idbridge.core.SessionsConfig;
import io.idbridge.core.ThrottleConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

  @Test
  void theShippedFileDocumentsExactlyTheKeysTheLoaderReads() throws IOException {
    Properties shipped = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of("conf/idbridge.properties"))) {
      shipped.load(in);
    }
    ConfigReader r = new ConfigReader("test", Map.of(), Map.of());
    Config.read(r);
    assertEquals(new HashSet<>(r.keysRead()), shipped.stringPropertyNames());
  }

  @Test
  void theShippedFileLoadsAsItIs() {
    Config config = Config.load(Path.of("conf/idbridge.properties"), Map.of());
    assertEquals(8080, config.server().port());
    assertEquals(Duration.ofMinutes(30), config.throttle().ttl());
  }

  @Test
  void passwordLimitsDefaultToFourWaitingPerHashAndHalfTheHeap() {
    Config config = Config.read("test", Map.of("password.maxConcurrent", "3"), Map.of());

    assertEquals(12, config.password().maxQueuedHashes());
    assertEquals(
        Math.max(Runtime.getRuntime().maxMemory() / 2048, 19456), config.password().maxMemoryKib());
  }

  @Test
  void passwordMaxMemoryIsReadInMibAndMustHoldOneHash() {
    Config config =
        Config.read(
            "test", Map.of("password.maxMemory", "512", "password.maxQueued", "0"), Map.of());
    assertEquals(512 * 1024, config.password().maxMemoryKib());
    assertEquals(0, config.password().maxQueuedHashes());

    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                Config.read(
                    "conf/x.properties",
                    Map.of("password.maxMemory", "16", "password.argon2.memoryKib", "65536"),
                    Map.of()));
    assertTrue(
        e.getMessage().contains("conf/x.properties: password.maxMemory: must hold at least one"),
        e.getMessage());
  }

  @Test
  void anUnknownKeyStopsStartUpNamingTheKeyAndTheFile() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Config.read("conf/x.properties", Map.of("throttle.treshold", "5"), Map.of()));
    assertTrue(
        e.getMessage().contains("conf/x.properties: throttle.treshold: unknown key"),
        e.getMessage());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                Config.read(
                    "f",
                    Map.of(
                        "server.port",
                        "eighty",
                        "throttle.track",
                        "sometimes",
                        "throttle.ttl",
                        "169h"),
                    Map.of()));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("f: server.port: must be a whole number (eighty)"));
    assertTrue(
        e.getMessage()
            .contains("f: throttle.track: must be one of none, ip, user, ip-user (sometimes)"));
    assertTrue(e.getMessage().contains("f: throttle.ttl: must be between 1s and 7d (169h)"));
  }

  @Test
  void aSecretIsNeverEchoed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                Config.read(
                    "f",
                    Map.of("voltmx.caller.mode", "secret", "voltmx.caller.secret", "short-pw"),
                    Map.of()));
    assertTrue(e.getMessage().contains("voltmx.caller.secret: must be at least 16 characters"));
    assertFalse(e.getMessage().contains("short-pw"));
  }

  @Test
  void theEnvironmentOverridesTheFile() {
    Config config =
        Config.read(
            "f",
            Map.of("server.port", "9000", "throttle.track", "ip"),
            Map.of("IDBRIDGE_SERVER_PORT", "9100", "IDBRIDGE_SESSIONS_ONLIMIT", "reject"));
    assertEquals(9100, config.server().port());
    assertEquals(ThrottleConfig.Track.IP, config.throttle().track());
    assertEquals(SessionsConfig.OnLimit.REJECT, config.sessions().onLimit());
  }

  @Test
  void choicesAreWrittenWithDashesAndPlus() {
    Config config =
        Config.read(
            "f",
            Map.of("throttle.track", "ip+user", "sessions.concurrency", "one-per-app"),
            Map.of());
    assertEquals(ThrottleConfig.Track.IP_USER, config.throttle().track());
    assertEquals(SessionsConfig.Concurrency.ONE_PER_APP, config.sessions().concurrency());
  }

  @Test
  void aMissingFileStopsStartUpNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    ConfigException e = assertThrows(ConfigException.class, () -> Config.load(missing, Map.of()));
    assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
  }

  @Test
  void theEffectiveConfigurationShowsDefaultsAndMasksSecretsAndPasswordsInUrls() {
    Config config =
        Config.read(
            "f",
            Map.of(
                "directory.http.loginUrl", "https://svc:url-pw@login.example.com/check",
                "state.jdbc.url", "jdbc:mariadb://db/state?user=u&password=q-pw"),
            Map.of("IDBRIDGE_DIRECTORY_LDAP_BINDPASSWORD", "env-secret"));
    Map<String, String> shown = config.effective().values();
    assertEquals("https://svc:****@login.example.com/check", shown.get("directory.http.loginUrl"));
    assertEquals("jdbc:mariadb://db/state?user=u&password=****", shown.get("state.jdbc.url"));
    assertEquals("****", shown.get("directory.ldap.bindPassword"));
    assertEquals("", shown.get("appid.secret"));
    assertEquals("30m", shown.get("throttle.ttl"));
    String rendered = config.effective().render();
    for (String secret : new String[] {"url-pw", "q-pw", "env-secret"}) {
      assertFalse(rendered.contains(secret), rendered);
    }
  }

  @Test
  void theEnvironmentVariableNameOfAKey() {
    assertEquals(
        "IDBRIDGE_DIRECTORY_JDBC_USERBYNAME", ConfigReader.envName("directory.jdbc.userByName"));
  }
}
