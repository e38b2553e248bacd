package io.idbridge.state.jdbc;

import io.idbridge.testing.Database;
import io.idbridge.testing.TestDatabases;

class PostgresClusterIT extends ClusterContract {
  @Override
  Database database() {
    return TestDatabases.require(TestDatabases.Kind.POSTGRES, PostgresClusterIT.class);
  }
}
