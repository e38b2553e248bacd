package io.idbridge.state.jdbc;

import io.idbridge.jdbc.JdbcPoolConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL: every change is one {@code INSERT … ON CONFLICT … DO UPDATE}, which locks the row it
 * updates.
 */
final class PostgresDialect implements Dialect {
  private final Tables t;
  private final JdbcPoolConfig pool;

  PostgresDialect(Tables tables, JdbcPoolConfig pool) {
    this.t = tables;
    this.pool = pool;
  }

  @Override
  public List<String> createTables() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + t.counters()
            + " (k VARCHAR(255) PRIMARY KEY, v BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS "
            + t.counters()
            + "_expiry ON "
            + t.counters()
            + " (expires_at)",
        "CREATE TABLE IF NOT EXISTS "
            + t.markers()
            + " (k VARCHAR(255) PRIMARY KEY, expires_at BIGINT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS " + t.markers() + "_expiry ON " + t.markers() + " (expires_at)",
        "CREATE TABLE IF NOT EXISTS "
            + t.members()
            + " (set_key VARCHAR(255) NOT NULL, member VARCHAR(255) NOT NULL,"
            + " seq BIGINT NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (set_key, member))",
        "CREATE INDEX IF NOT EXISTS "
            + t.members()
            + "_order ON "
            + t.members()
            + " (set_key, seq)",
        "CREATE INDEX IF NOT EXISTS " + t.members() + "_expiry ON " + t.members() + " (expires_at)",
        "CREATE SEQUENCE IF NOT EXISTS " + t.sequence());
  }

  @Override
  public long increment(Connection c, String key, long now, long expiresAt) throws SQLException {
    try (PreparedStatement ps =
        pool.prepare(
            c,
            "INSERT INTO "
                + t.counters()
                + " AS t (k, v, expires_at)"
                + " VALUES (?, 1, ?) ON CONFLICT (k) DO UPDATE"
                + " SET v = CASE WHEN t.expires_at <= ? THEN 1 ELSE t.v + 1 END, expires_at = EXCLUDED.expires_at"
                + " RETURNING v")) {
      ps.setString(1, key);
      ps.setLong(2, expiresAt);
      ps.setLong(3, now);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public boolean mark(Connection c, String key, long now, long expiresAt) throws SQLException {
    // A live marker fails the WHERE: no row is updated, and none returned.
    try (PreparedStatement ps =
        pool.prepare(
            c,
            "INSERT INTO "
                + t.markers()
                + " AS t (k, expires_at)"
                + " VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE t.expires_at <= ?"
                + " RETURNING 1")) {
      ps.setString(1, key);
      ps.setLong(2, expiresAt);
      ps.setLong(3, now);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
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
                + " (set_key, member, seq, expires_at) VALUES (?, ?, nextval('"
                + t.sequence()
                + "'), ?)"
                + " ON CONFLICT (set_key, member) DO UPDATE SET seq = EXCLUDED.seq, expires_at = EXCLUDED.expires_at")) {
      ps.setString(1, set);
      ps.setString(2, member);
      ps.setLong(3, expiresAt);
      ps.executeUpdate();
    }
  }

  @Override
  public List<String> cleanUp(int limit) {
    // PostgreSQL's DELETE has no LIMIT: bound it through the key.
    return List.of(
        "DELETE FROM "
            + t.counters()
            + " WHERE k IN (SELECT k FROM "
            + t.counters()
            + " WHERE expires_at <= ? LIMIT "
            + limit
            + ")",
        "DELETE FROM "
            + t.markers()
            + " WHERE k IN (SELECT k FROM "
            + t.markers()
            + " WHERE expires_at <= ? LIMIT "
            + limit
            + ")",
        "DELETE FROM "
            + t.members()
            + " WHERE (set_key, member) IN (SELECT set_key, member FROM "
            + t.members()
            + " WHERE expires_at <= ? LIMIT "
            + limit
            + ")");
  }
}
