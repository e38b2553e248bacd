package io.idbridge.audit;

import io.idbridge.testing.Database;
import io.idbridge.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

class PostgresAuditIT extends JdbcAuditContract {
  static Database db;

  @BeforeAll
  static void requireDatabase() {
    db = TestDatabases.require(TestDatabases.Kind.POSTGRES, PostgresAuditIT.class);
  }

  @Override
  Database database() {
    return db;
  }
}
