package io.idbridge.state.jdbc;

import io.idbridge.jdbc.JdbcPoolConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * MariaDB: {@code INSERT … ON DUPLICATE KEY UPDATE}, which locks the row it updates. Keys are
 * {@code VARBINARY}: the default collations ignore case and trailing spaces, and two keys must
 * differ when their bytes do.
 */
final class MariadbDialect implements Dialect {
  private final Tables t;
  private final JdbcPoolConfig pool;

  MariadbDialect(Tables tables, JdbcPoolConfig pool) {
    this.t = tables;
    this.pool = pool;
  }

  @Override
  public List<String> createTables() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + t.counters()
            + " (k VARBINARY(255) NOT NULL PRIMARY KEY,"
            + " v BIGINT NOT NULL, expires_at BIGINT NOT NULL, INDEX (expires_at)) ENGINE=InnoDB",
        "CREATE TABLE IF NOT EXISTS "
            + t.markers()
            + " (k VARBINARY(255) NOT NULL PRIMARY KEY,"
            + " expires_at BIGINT NOT NULL, INDEX (expires_at)) ENGINE=InnoDB",
        "CREATE TABLE IF NOT EXISTS "
            + t.members()
            + " (set_key VARBINARY(255) NOT NULL,"
            + " member VARBINARY(255) NOT NULL, seq BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
            + " PRIMARY KEY (set_key, member), INDEX (set_key, seq), INDEX (expires_at)) ENGINE=InnoDB",
        "CREATE SEQUENCE IF NOT EXISTS " + t.sequence());
  }

  @Override
  public long increment(Connection c, String key, long now, long expiresAt) throws SQLException {
    // LAST_INSERT_ID(expr) remembers expr for this connection: the new value, read back without a
    // race.
    try (PreparedStatement ps =
        pool.prepare(
            c,
            "INSERT INTO "
                + t.counters()
                + " (k, v, expires_at)"
                + " VALUES (?, LAST_INSERT_ID(1), ?) ON DUPLICATE KEY UPDATE"
                + " v = LAST_INSERT_ID(IF(expires_at <= ?, 1, v + 1)), expires_at = ?")) {
      ps.setString(1, key);
      ps.setLong(2, expiresAt);
      ps.setLong(3, now);
      ps.setLong(4, expiresAt);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = pool.prepare(c, "SELECT LAST_INSERT_ID()");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public boolean mark(Connection c, String key, long now, long expiresAt) throws SQLException {
    try (PreparedStatement ps =
        pool.prepare(c, "INSERT IGNORE INTO " + t.markers() + " (k, expires_at) VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setLong(2, expiresAt);
      if (ps.executeUpdate() == 1) {
        return true;
      }
    }
    // The row exists. Of two nodes renewing a lapsed one, the second waits for the first's row lock
    // and then finds it live: one update matches, the other does not.
    try (PreparedStatement ps =
        pool.prepare(
            c, "UPDATE " + t.markers() + " SET expires_at = ? WHERE k = ? AND expires_at <= ?")) {
      ps.setLong(1, expiresAt);
      ps.setString(2, key);
      ps.setLong(3, now);
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public void addMember(Connection c, String set, String member, long expiresAt)
      throws SQLException {
    try (PreparedStatement ps =
        pool.prepare(
            c,
            "INSERT INTO "
                + t.members()
                + " (set_key, member, seq, expires_at) VALUES (?, ?, NEXTVAL("
                + t.sequence()
                + "), ?)"
                + " ON DUPLICATE KEY UPDATE seq = NEXTVAL("
                + t.sequence()
                + "), expires_at = ?")) {
      ps.setString(1, set);
      ps.setString(2, member);
      ps.setLong(3, expiresAt);
      ps.setLong(4, expiresAt);
      ps.executeUpdate();
    }
  }

  @Override
  public List<String> cleanUp(int limit) {
    String bounded = " WHERE expires_at <= ? ORDER BY expires_at LIMIT " + limit;
    return List.of(
        "DELETE FROM " + t.counters() + bounded,
        "DELETE FROM " + t.markers() + bounded,
        "DELETE FROM " + t.members() + bounded);
  }
}
