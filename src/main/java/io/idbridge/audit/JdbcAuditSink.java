package io.idbridge.audit;

import io.idbridge.jdbc.JdbcPool;
import io.idbridge.jdbc.JdbcPoolConfig;
import io.idbridge.state.StateUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code audit.sink=jdbc}: a row per event in {@code <state.jdbc.tablePrefix>audit} of the state
 * database, created at start like the state tables. The id orders the rows as they were written;
 * the JSON line is kept whole beside the columns one queries by.
 */
final class JdbcAuditSink implements AuditSink {
  private final JdbcPoolConfig config;
  private final JdbcPool<String> pool;

  JdbcAuditSink(JdbcPoolConfig config, String tablePrefix) {
    this.config = config;
    String table = tablePrefix + "audit";
    this.pool =
        new JdbcPool<>(
            "the audit table", config, c -> createTable(c, table), StateUnavailableException::new);
  }

  /** Creates the table when missing, and answers the insert statement. */
  private static String createTable(Connection c, String table) throws SQLException {
    String id =
        "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())
            ? "id BIGSERIAL PRIMARY KEY"
            : "id BIGINT AUTO_INCREMENT PRIMARY KEY";
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " ("
              + id
              + ", occurred_at BIGINT NOT NULL, event VARCHAR(40) NOT NULL,"
              + " user_id VARCHAR(255), login_name VARCHAR(255), outcome VARCHAR(16) NOT NULL,"
              + " line TEXT NOT NULL)");
    }
    return "INSERT INTO "
        + table
        + " (occurred_at, event, user_id, login_name, outcome, line) VALUES (?, ?, ?, ?, ?, ?)";
  }

  @Override
  public void write(AuditEvent event, String json) {
    pool.run(
        (insert, c) -> {
          try (PreparedStatement ps = config.prepare(c, insert)) {
            ps.setLong(1, event.time().toEpochMilli());
            ps.setString(2, event.kind().label());
            ps.setString(3, clip(event.userId()));
            ps.setString(4, clip(event.loginName()));
            ps.setString(5, event.outcome().label());
            ps.setString(6, json);
            return ps.executeUpdate();
          }
        });
  }

  /** A login name as typed can be anything long: the row must still be written. */
  private static String clip(String s) {
    return s == null || s.length() <= 255 ? s : s.substring(0, 255);
  }

  @Override
  public void close() {
    pool.close();
  }
}
