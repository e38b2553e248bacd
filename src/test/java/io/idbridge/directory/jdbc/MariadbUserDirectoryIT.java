package io.idbridge.directory.jdbc;

import io.idbridge.testing.Database;
import io.idbridge.testing.TestDatabases;

class MariadbUserDirectoryIT extends JdbcUserDirectoryContract {
  @Override
  Database database() {
    return TestDatabases.require(TestDatabases.Kind.MARIADB, MariadbUserDirectoryIT.class);
  }
}
