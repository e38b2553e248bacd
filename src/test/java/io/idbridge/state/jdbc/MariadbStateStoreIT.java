package io.idbridge.state.jdbc;

import io.idbridge.testing.Database;
import io.idbridge.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

class MariadbStateStoreIT extends JdbcStateStoreContract {
  static Database db;

  @BeforeAll
  static void requireDatabase() {
    db = TestDatabases.require(TestDatabases.Kind.MARIADB, MariadbStateStoreIT.class);
  }

  @Override
  Database database() {
    return db;
  }
}
