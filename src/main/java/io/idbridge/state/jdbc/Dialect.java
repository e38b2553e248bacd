package io.idbridge.state.jdbc;

import io.idbridge.jdbc.JdbcPoolConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the databases: the tables' DDL, and the statements that change a row
 * atomically (no read-then-write, so that nodes racing on one row cannot lose an update).
 *
 * <p>Keys and members are at most 255 bytes of UTF-8 (the store hashes longer keys); instants are
 * epoch millis.
 */
sealed interface Dialect permits PostgresDialect, MariadbDialect {

  /** The DDL, each statement a no-op when its object exists. */
  List<String> createTables();

  /**
   * Adds one to a counter (from zero when it lapsed at or before {@code now}), and returns the new
   * value.
   */
  long increment(Connection c, String key, long now, long expiresAt) throws SQLException;

  /** Sets a marker unless a live one exists; true when this call set it. */
  boolean mark(Connection c, String key, long now, long expiresAt) throws SQLException;

  /** Adds a member, or moves it to the end with its new expiry. */
  void addMember(Connection c, String set, String member, long expiresAt) throws SQLException;

  /**
   * Deletes that remove at most {@code limit} lapsed rows each, so a clean-up never holds long
   * locks.
   */
  List<String> cleanUp(int limit);

  /** The dialect of the connected database, or a configuration problem naming the URL key. */
  static Dialect of(Connection c, Tables tables, JdbcPoolConfig pool) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      return new PostgresDialect(tables, pool);
    }
    if ("MariaDB".equalsIgnoreCase(product)) {
      return new MariadbDialect(tables, pool);
    }
    // MySQL lacks sequences, which order a set's members across nodes.
    throw pool.problem("url", "the shared state needs PostgreSQL or MariaDB, not " + product);
  }
}
