package io.idbridge.directory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import io.idbridge.directory.DirectoryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcDirectoryConfigTest {

  @Test
  void theJdbcDirectoryNeedsAUrlAndBothQueries() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Config.read("f", Map.of("directory.type", "jdbc"), Map.of()));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith("f: directory.jdbc.url: required"), e.getMessage());
    assertTrue(
        e.problems().get(1).startsWith("f: directory.jdbc.userByName: required"), e.getMessage());
    assertTrue(
        e.problems().get(2).startsWith("f: directory.jdbc.userById: required"), e.getMessage());
  }

  @Test
  void aUrlThatIsNotJdbcIsRefusedWithoutEchoingIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                Config.read(
                    "f",
                    Map.of(
                        "directory.type",
                        "jdbc",
                        "directory.jdbc.url",
                        "postgres://u:topsecret@db/x",
                        "directory.jdbc.userByName",
                        "q",
                        "directory.jdbc.userById",
                        "q"),
                    Map.of()));
    assertEquals(
        List.of(
            "f: directory.jdbc.url: must start with jdbc: (jdbc:postgresql://…, jdbc:mariadb://…)"),
        e.problems());
  }

  @Test
  void theKeysAreReadButNotRequiredWithAnotherDirectory() {
    Config config = Config.read("f", Map.of("directory.jdbc.poolSize", "3"), Map.of());
    assertEquals(DirectoryConfig.Type.FILE, config.directory().type());
    assertEquals(3, config.directory().jdbc().pool().poolSize());
  }

  @Test
  void defaultsAndColumnNamesWhichCompareWithoutCase() {
    JdbcDirectoryConfig c =
        Config.read(
                "f",
                Map.of(
                    "directory.type",
                    "jdbc",
                    "directory.jdbc.url",
                    "jdbc:x:y",
                    "directory.jdbc.userByName",
                    "a",
                    "directory.jdbc.userById",
                    "b",
                    "directory.jdbc.emailColumn",
                    "Mail",
                    "directory.jdbc.disabledColumn",
                    "LOCKED"),
                Map.of())
            .directory()
            .jdbc();
    assertEquals(8, c.pool().poolSize());
    assertEquals(Duration.ofSeconds(5), c.pool().connectTimeout());
    assertEquals(5, c.pool().queryTimeoutSeconds());
    assertEquals(Optional.empty(), c.updateHash());
    assertEquals(
        new UserColumns("display_name", false, "mail", true, Optional.of("locked")), c.columns());
  }

  @Test
  void thePasswordAndTheUrlsQueryStringNeverShowInTheLoggedSettings() {
    JdbcDirectoryConfig c =
        Config.read(
                "f",
                Map.of(
                    "directory.jdbc.url",
                    "jdbc:postgresql://db/app?password=qs-pw",
                    "directory.jdbc.user",
                    "app",
                    "directory.jdbc.password",
                    "key-pw"),
                Map.of())
            .directory()
            .jdbc();
    String shown = c.pool().toString();
    assertFalse(shown.contains("qs-pw") || shown.contains("key-pw"), shown);
    assertTrue(shown.contains("url=jdbc:postgresql://db/app?…, user=app, password=****"), shown);
  }

  @Test
  void flagsAreReadTheWayDatabasesWriteThem() {
    for (Object yes : List.of(true, 1, 1L, "t", "TRUE", "Y", "yes", " 1 ")) {
      assertTrue(UserColumns.truthy(yes), String.valueOf(yes));
    }
    for (Object no : new Object[] {false, 0, "f", "N", "false", "", null}) {
      assertFalse(UserColumns.truthy(no), String.valueOf(no));
    }
  }
}
