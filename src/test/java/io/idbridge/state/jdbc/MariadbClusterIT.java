package io.idbridge.state.jdbc;

import io.idbridge.testing.Database;
import io.idbridge.testing.TestDatabases;

class MariadbClusterIT extends ClusterContract {
  @Override
  Database database() {
    return TestDatabases.require(TestDatabases.Kind.MARIADB, MariadbClusterIT.class);
  }
}
