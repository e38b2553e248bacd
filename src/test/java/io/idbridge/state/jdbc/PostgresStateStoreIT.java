package io.idbridge.state.jdbc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.config.ConfigException;
import io.idbridge.testing.Database;
import io.idbridge.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresStateStoreIT extends JdbcStateStoreContract {
  static Database db;

  @BeforeAll
  static void requireDatabase() {
    db = TestDatabases.require(TestDatabases.Kind.POSTGRES, PostgresStateStoreIT.class);
  }

  @Override
  Database database() {
    return db;
  }

  @Test
  void anAccountThatMayNotCreateTheTablesStopsStartUpNamingTheUrlKey() {
    // Since PostgreSQL 15 only the owner creates in the public schema: a fresh role may not.
    String role = Database.unique("idb_role_");
    db.exec("CREATE ROLE " + role + " LOGIN");
    try {
      String url = db.url().replaceAll("user=[^&]*", "user=" + role);
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> store(url, Database.unique("idbridge_t") + "_", clock).close());
      assertTrue(
          e.getMessage().startsWith("test: state.jdbc.url: cannot create the state tables: "),
          e.getMessage());
    } finally {
      db.exec("DROP ROLE " + role);
    }
  }
}
