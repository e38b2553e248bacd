package io.idbridge.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL and MariaDB servers that the database suites run against, named by the
 * environment; without one, or when it cannot be reached, a suite is skipped with a line saying
 * which and why.
 */
public final class TestDatabases {
  /** Each kind, with the variable holding its JDBC URL (user in the URL). */
  public enum Kind {
    POSTGRES("IDBRIDGE_TEST_POSTGRES_URL"),
    MARIADB("IDBRIDGE_TEST_MARIADB_URL");

    final String variable;

    Kind(String variable) {
      this.variable = variable;
    }
  }

  /** A reachable database, or the reason there is none; probed once a run. */
  private static final Map<Kind, Object> PROBED = new ConcurrentHashMap<>();

  static {
    // Registered from this class loader: a WAR deployed earlier in the same JVM (WarIT) can make
    // DriverManager load the drivers through the webapp's loader, and Tomcat deregisters those when
    // it stops.
    for (String driver : new String[] {"org.postgresql.Driver", "org.mariadb.jdbc.Driver"}) {
      try {
        Class.forName(driver);
      } catch (ClassNotFoundException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  private TestDatabases() {}

  /**
   * Call from {@code @BeforeAll}: the database, or the whole suite skipped with a visible message.
   */
  public static Database require(Kind kind, Class<?> suite) {
    Object found = PROBED.computeIfAbsent(kind, TestDatabases::probe);
    if (found instanceof String reason) {
      String line = "SKIPPED " + suite.getSimpleName() + ": " + reason;
      System.out.println(line);
      Assumptions.abort(line);
    }
    return (Database) found;
  }

  private static Object probe(Kind kind) {
    String url = System.getenv(kind.variable);
    if (url == null || url.isBlank()) {
      return kind.variable + " is not set (see .ci/run), so this " + kind + " suite does not run";
    }
    DriverManager.setLoginTimeout(5);
    try (Connection c = DriverManager.getConnection(url)) {
      return c.isValid(5)
          ? new Database(kind, url)
          : kind + " at " + kind.variable + " does not answer";
    } catch (SQLException e) {
      return kind + " at " + kind.variable + " cannot be reached (" + e.getMessage() + ")";
    }
  }
}
