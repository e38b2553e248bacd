package io.idbridge.directory.jdbc;

import io.idbridge.config.ConfigException;
import io.idbridge.directory.User;
import io.idbridge.jdbc.SqlErrors;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured statements once checked against the database: each one runs, returns the named
 * columns, and takes its parameters as text or as a number, whichever the column it is compared
 * with needs (PostgreSQL does not compare an integer id with a text parameter).
 */
final class UserQueries {
  private static final System.Logger LOG = System.getLogger(UserQueries.class.getName());
  private static final Set<Integer> NUMBERS =
      Set.of(
          Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL);

  /**
   * What the check binds: values no real user has; the queries are reads, and the update is rolled
   * back.
   */
  private static final String PROBE_NAME = "idbridge-startup-check";

  private static final String PROBE_ID = "-1";

  enum Binding {
    TEXT,
    NUMBER
  }

  private final JdbcDirectoryConfig config;
  private final Binding name;
  private final Binding id;
  private final Binding updateId;
  private final boolean guardedUpdate;

  private UserQueries(JdbcDirectoryConfig config, Binding name, Binding id, Update update) {
    this.config = config;
    this.name = name;
    this.id = id;
    this.updateId = update.id();
    this.guardedUpdate = update.guarded();
  }

  /**
   * Checks every configured statement.
   *
   * @throws ConfigException naming the key of a statement that the database refuses or that lacks a
   *     column
   * @throws SQLException when the database cannot be reached: not the configuration's fault
   */
  static UserQueries check(Connection c, JdbcDirectoryConfig config) throws SQLException {
    Binding name = checkQuery(c, config, "userByName", config.userByName(), PROBE_NAME, true);
    Binding id = checkQuery(c, config, "userById", config.userById(), PROBE_ID, false);
    Update update = new Update(Binding.TEXT, false);
    if (config.updateHash().isPresent()) {
      update = checkUpdate(c, config, config.updateHash().get());
    }
    return new UserQueries(config, name, id, update);
  }

  private static Binding checkQuery(
      Connection c,
      JdbcDirectoryConfig config,
      String key,
      String sql,
      String probe,
      boolean byName)
      throws SQLException {
    try (PreparedStatement ps = config.pool().prepare(c, sql)) {
      Binding binding = parameters(ps, 1, config, key).get(0);
      if (!bind(ps, 1, binding, probe)) {
        bind(ps, 1, binding, PROBE_ID);
      }
      try (ResultSet rs = ps.executeQuery()) {
        var missing = config.columns().missing(UserColumns.labels(rs.getMetaData()), byName);
        if (!missing.isEmpty()) {
          throw config
              .pool()
              .problem(
                  key,
                  "the query returns no column "
                      + String.join(", ", missing)
                      + " (name a column with AS)");
        }
      }
      return binding;
    } catch (SQLException e) {
      throw refused(e, config, key);
    }
  }

  /** How to bind the update's id, and whether it takes the verified hash as a third parameter. */
  private record Update(Binding id, boolean guarded) {}

  private static Update checkUpdate(Connection c, JdbcDirectoryConfig config, String sql)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement ps = config.pool().prepare(c, sql)) {
      boolean guarded = parameterCount(ps) == 3;
      Binding binding = parameters(ps, guarded ? 3 : 2, config, "updateHash").get(1);
      ps.setString(1, "$idbridge$startup-check");
      bind(ps, 2, binding, PROBE_ID);
      if (guarded) {
        ps.setString(3, "$idbridge$startup-check");
      }
      ps.executeUpdate();
      return new Update(binding, guarded);
    } catch (SQLException e) {
      throw refused(e, config, "updateHash");
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
    }
  }

  /** A statement error is the configuration's; a connection error is not, and goes on as it is. */
  private static SQLException refused(SQLException e, JdbcDirectoryConfig config, String key) {
    if (SqlErrors.unreachable(e)) {
      return e;
    }
    throw config
        .pool()
        .problem(key, "the database refuses it: " + SqlErrors.oneLine(e.getMessage()));
  }

  /**
   * How to bind each parameter, after checking their number (a driver that binds on the client, as
   * MariaDB's does, would ignore a parameter too many). A type the driver cannot tell (MariaDB's)
   * is bound as text, which such a database compares with numbers itself.
   */
  /** The statement's number of parameters; 2 where the driver cannot tell. */
  private static int parameterCount(PreparedStatement ps) throws SQLException {
    try {
      return ps.getParameterMetaData().getParameterCount();
    } catch (SQLFeatureNotSupportedException e) {
      return 2;
    }
  }

  private static List<Binding> parameters(
      PreparedStatement ps, int expected, JdbcDirectoryConfig config, String key)
      throws SQLException {
    ParameterMetaData md;
    try {
      md = ps.getParameterMetaData();
    } catch (SQLFeatureNotSupportedException e) {
      return Collections.nCopies(expected, Binding.TEXT);
    }
    if (md.getParameterCount() != expected) {
      throw config
          .pool()
          .problem(
              key,
              "takes "
                  + switch (expected) {
                    case 1 -> "one parameter (?)";
                    case 2 -> "two parameters (?, ?)";
                    default -> "three parameters (?, ?, ?)";
                  }
                  + ", not "
                  + md.getParameterCount());
    }
    List<Binding> bindings = new ArrayList<>();
    for (int i = 1; i <= expected; i++) {
      Binding b = Binding.TEXT;
      try {
        b = NUMBERS.contains(md.getParameterType(i)) ? Binding.NUMBER : Binding.TEXT;
      } catch (SQLException e) {
        // Unknown: text.
      }
      bindings.add(b);
    }
    return bindings;
  }

  /** Binds a value; false when a number is due and the value is none, so that no row can match. */
  private static boolean bind(PreparedStatement ps, int index, Binding binding, String value)
      throws SQLException {
    if (binding == Binding.TEXT) {
      ps.setString(index, value);
      return true;
    }
    try {
      ps.setLong(index, Long.parseLong(value.trim()));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  Optional<User> byName(Connection c, String login) throws SQLException {
    return find(c, config.userByName(), name, login, login);
  }

  Optional<User> byId(Connection c, String userId) throws SQLException {
    return find(c, config.userById(), id, userId, "");
  }

  private Optional<User> find(Connection c, String sql, Binding binding, String value, String login)
      throws SQLException {
    try (PreparedStatement ps = config.pool().prepare(c, sql)) {
      if (!bind(ps, 1, binding, value)) {
        return Optional.empty();
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Optional<User> user = config.columns().toUser(rs, login);
        if (rs.next()) {
          // Which of two users would it be? Neither: a login must name one account.
          LOG.log(
              System.Logger.Level.WARNING,
              "directory.jdbc: a lookup returned more than one row; refusing it "
                  + "(the login and id columns must be unique)");
          return Optional.empty();
        }
        return user;
      }
    }
  }

  /**
   * Stores an upgraded hash; the number of rows it changed. A statement with a third {@code ?} gets
   * the hash that was verified, so that it changes the row only while the row still holds it: a
   * password changed meanwhile wins.
   */
  int updateHash(Connection c, User verified, String newHash) throws SQLException {
    try (PreparedStatement ps = config.pool().prepare(c, config.updateHash().orElseThrow())) {
      ps.setString(1, newHash);
      if (guardedUpdate) {
        ps.setString(3, verified.passwordHash());
      }
      return bind(ps, 2, updateId, verified.id()) ? ps.executeUpdate() : 0;
    }
  }
}
