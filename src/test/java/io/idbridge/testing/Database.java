package io.idbridge.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** A test database: its JDBC URL, and plain SQL for seeding rows and reading them back. */
public record Database(TestDatabases.Kind kind, String url) {

  /** A name no other run uses, for a table or a table prefix. */
  public static String unique(String base) {
    return base + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /**
   * The configuration of a jdbc state store on tables of this prefix, quick to notice an outage.
   */
  public static Map<String, String> stateProperties(String url, String prefix) {
    return Map.of(
        "state.type",
        "jdbc",
        "state.jdbc.url",
        url,
        "state.jdbc.tablePrefix",
        prefix,
        "state.jdbc.poolSize",
        "4",
        "state.jdbc.connectTimeout",
        "1s");
  }

  public void exec(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = bind(c, sql, params)) {
      ps.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row, or null without a row. */
  public String queryString(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = bind(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Drops tables and sequences whose names start with a prefix (every one a test created). */
  public void dropAll(String prefix) {
    for (String t : new String[] {"counters", "markers", "set_members", "audit"}) {
      exec("DROP TABLE IF EXISTS " + prefix + t);
    }
    exec("DROP SEQUENCE IF EXISTS " + prefix + "set_seq");
  }

  private static PreparedStatement bind(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }

  public InetSocketAddress address() {
    URI u = uri();
    return new InetSocketAddress(u.getHost(), u.getPort());
  }

  /** The same database through another port of this machine (a {@link TcpProxy}). */
  public String via(int port) {
    URI u = uri();
    try {
      return "jdbc:"
          + new URI(
              u.getScheme(), u.getUserInfo(), "127.0.0.1", port, u.getPath(), u.getQuery(), null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private URI uri() {
    return URI.create(url.substring("jdbc:".length()));
  }
}
