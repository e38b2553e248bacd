package io.idbridge.state.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcStateConfigTest {

  @Test
  void theJdbcStateNeedsAUrl() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> Config.read("f", Map.of("state.type", "jdbc"), Map.of()));
    assertEquals(
        List.of(
            "f: state.jdbc.url: required: a JDBC URL such as jdbc:postgresql://db.example.com:5432/users"),
        e.problems());
  }

  @Test
  void aTablePrefixMustBeAPlainIdentifierBecauseItIsWrittenIntoSql() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                Config.read(
                    "f", Map.of("state.jdbc.tablePrefix", "x; DROP TABLE users; --"), Map.of()));
    assertEquals(
        List.of(
            "f: state.jdbc.tablePrefix: must be 1 to 40 lower-case letters, digits or _, not starting "
                + "with a digit (x; DROP TABLE users; --)"),
        e.problems());
    assertEquals("idbridge_", Config.read("f", Map.of(), Map.of()).state().jdbc().tablePrefix());
    assertEquals(
        "node_a_",
        Config.read("f", Map.of("state.jdbc.tablePrefix", "node_a_"), Map.of())
            .state()
            .jdbc()
            .tablePrefix());
  }

  @Test
  void aLongKeyIsStoredAsItsDigestAndAShortOneAsItIs() {
    assertEquals("fail:user:bob", JdbcStateStore.stored("fail:user:bob"));
    String digest = JdbcStateStore.stored("x".repeat(256));
    assertTrue(digest.matches("#sha256:[0-9a-f]{64}"), digest);
    assertEquals(digest, JdbcStateStore.stored("x".repeat(256)));
    assertNotEquals(digest, JdbcStateStore.stored("x".repeat(257)));
    assertEquals("x".repeat(255), JdbcStateStore.stored("x".repeat(255)));
  }
}
