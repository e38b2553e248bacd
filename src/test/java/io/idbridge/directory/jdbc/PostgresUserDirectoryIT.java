package io.idbridge.directory.jdbc;

import io.idbridge.testing.Database;
import io.idbridge.testing.TestDatabases;

class PostgresUserDirectoryIT extends JdbcUserDirectoryContract {
  @Override
  Database database() {
    return TestDatabases.require(TestDatabases.Kind.POSTGRES, PostgresUserDirectoryIT.class);
  }
}
