package io.idbridge.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.idbridge.config.ConfigException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.BiFunction;

/**
 * A connection pool with bounded waits, and what must be prepared on its first connection that
 * works (checked statements, created tables): the shared part of the jdbc directory and the jdbc
 * state store.
 *
 * <p>A database that is down at start-up does not stop idbridge: every call fails as unavailable
 * (503) until the database is back, the preparation runs then, and everything recovers by itself.
 *
 * @param <T> what the preparation makes, handed to every call
 */
public final class JdbcPool<T> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JdbcPool.class.getName());

  /**
   * Prepares on a connection: throws {@link ConfigException} when the configuration is wrong
   * (start-up stops), {@link SQLException} when the database cannot be reached.
   */
  public interface Preparation<T> {
    T prepare(Connection c) throws SQLException;
  }

  /** One call's work on a pooled connection. */
  public interface Work<T, R> {
    R run(T prepared, Connection c) throws SQLException;
  }

  private final String what;
  private final JdbcPoolConfig config;
  private final Preparation<T> preparation;
  private final BiFunction<String, Throwable, RuntimeException> unavailable;
  private final HikariDataSource pool;

  /** Null until prepared on a connection that worked. */
  private volatile T prepared;

  /**
   * Opens the pool and prepares, unless the database cannot be reached yet.
   *
   * @param what the database in messages: "the user database"
   * @param unavailable the exception a call throws while the database is away (the type decides the
   *     503)
   */
  public JdbcPool(
      String what,
      JdbcPoolConfig config,
      Preparation<T> preparation,
      BiFunction<String, Throwable, RuntimeException> unavailable) {
    this.what = what;
    this.config = config;
    this.preparation = preparation;
    this.unavailable = unavailable;
    this.pool = open(config);
    try (Connection c = pool.getConnection()) {
      prepared = preparation.prepare(c);
      LOG.log(System.Logger.Level.INFO, what + ": " + config);
    } catch (SQLException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          what
              + " cannot be reached yet ("
              + SqlErrors.describe(e)
              + "); requests answer 503 until it can: "
              + config);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Runs one call on a pooled connection; a database error becomes the unavailable exception. */
  public <R> R run(Work<T, R> work) {
    T p = ready();
    try (Connection c = pool.getConnection()) {
      return work.run(p, c);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /**
   * Checks that the database answers: a connection the pool lends without a check (it was used a
   * moment ago) may have broken since.
   */
  public void ping() {
    run(
        (p, c) -> {
          if (!c.isValid(config.queryTimeoutSeconds())) {
            pool.evictConnection(c);
            throw new SQLTransientConnectionException("no answer to a ping");
          }
          return null;
        });
  }

  @Override
  public void close() {
    pool.close();
  }

  /**
   * What was prepared; after an outage at start-up, prepared now (two callers may both prepare:
   * harmless).
   */
  private T ready() {
    T p = prepared;
    if (p != null) {
      return p;
    }
    try (Connection c = pool.getConnection()) {
      p = preparation.prepare(c);
    } catch (SQLException e) {
      throw unavailable(e);
    } catch (ConfigException e) {
      // Too late to stop start-up: keep answering 503, and say why in the log.
      LOG.log(System.Logger.Level.ERROR, e.getMessage());
      throw unavailable.apply(e.getMessage(), e);
    }
    prepared = p;
    LOG.log(System.Logger.Level.INFO, what + " answers again: " + config);
    return p;
  }

  private RuntimeException unavailable(SQLException e) {
    return unavailable.apply(what + " did not answer: " + SqlErrors.describe(e), e);
  }

  /**
   * A pool that does not connect yet, so that a database down at start-up does not stop start-up.
   */
  private static HikariDataSource open(JdbcPoolConfig c) {
    HikariConfig h = new HikariConfig();
    h.setPoolName("idbridge-" + c.prefix());
    h.setJdbcUrl(c.url());
    c.user().ifPresent(h::setUsername);
    c.password().ifPresent(h::setPassword);
    h.setMaximumPoolSize(c.poolSize());
    h.setConnectionTimeout(c.connectTimeout().toMillis());
    h.setValidationTimeout(c.connectTimeout().toMillis());
    h.setInitializationFailTimeout(-1);
    driverSettings(h, c);
    try {
      return new HikariDataSource(h);
    } catch (RuntimeException e) {
      // Hikari's message names the URL, which may carry a password.
      throw c.problem(
          "url",
          "no JDBC driver on the class path accepts this URL (PostgreSQL and MariaDB are built in)");
    }
  }

  /**
   * The two drivers we ship, by class name (a servlet container's DriverManager may not see a
   * webapp's drivers), with their own connect and socket timeouts: a database that accepts a
   * connection and then never answers must not hold a request forever. Their units differ: seconds
   * for PostgreSQL, milliseconds for MariaDB.
   */
  private static void driverSettings(HikariConfig h, JdbcPoolConfig c) {
    long connectMs = c.connectTimeout().toMillis();
    long socketMs = c.queryTimeout().toMillis() + 1000;
    if (c.url().startsWith("jdbc:postgresql:")) {
      h.setDriverClassName("org.postgresql.Driver");
      h.addDataSourceProperty(
          "connectTimeout", Long.toString(Math.max(1, (connectMs + 999) / 1000)));
      h.addDataSourceProperty("socketTimeout", Long.toString((socketMs + 999) / 1000));
      // The server's error details can quote a row's values (a password hash): keep them out of
      // messages.
      h.addDataSourceProperty("logServerErrorDetail", "false");
    } else if (c.url().startsWith("jdbc:mariadb:")) {
      h.setDriverClassName("org.mariadb.jdbc.Driver");
      h.addDataSourceProperty("connectTimeout", Long.toString(connectMs));
      h.addDataSourceProperty("socketTimeout", Long.toString(socketMs));
    }
  }
}
