package io.idbridge.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/** The reading of JDBC errors: the database is away, or it refuses what it was sent. */
public final class SqlErrors {
  private SqlErrors() {}

  /**
   * Whether an error means the database cannot be reached or answered too late, rather than a bad
   * statement.
   */
  public static boolean unreachable(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || e instanceof SQLTimeoutException
        || (state != null && state.startsWith("08"));
  }

  /**
   * The innermost message, which says what went wrong (the pool's own only says that the wait ran
   * out).
   */
  public static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return oneLine(t == e ? message : e.getMessage() + ": " + message);
  }

  /**
   * Drivers' messages run over lines (PostgreSQL's "Position: 8"); a log line or a problem is one
   * line.
   */
  public static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
