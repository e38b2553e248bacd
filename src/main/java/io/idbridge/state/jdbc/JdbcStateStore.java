package io.idbridge.state.jdbc;

import io.idbridge.jdbc.JdbcPool;
import io.idbridge.jdbc.SqlErrors;
import io.idbridge.state.StateStore;
import io.idbridge.state.StateUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of a cluster in PostgreSQL or MariaDB: every node sees every other node's counters,
 * markers and sets. Each change is one atomic statement on the database, so nodes never lose each
 * other's updates. Time is the injected clock's; lapsed rows are ignored by every read and deleted
 * in bounded batches now and then.
 *
 * <p>The tables are created on the first connection that works: at start-up, where a database that
 * refuses them stops start-up, or, when the database was down then, once it is back (until then,
 * 503).
 */
public final class JdbcStateStore implements StateStore {
  private static final System.Logger LOG = System.getLogger(JdbcStateStore.class.getName());

  /** Every this many writes of a node, one bounded clean-up. */
  private static final int CLEAN_EVERY = 256;

  private static final int CLEAN_BATCH = 1000;

  /** The width of the key columns, in bytes. */
  static final int MAX_KEY_BYTES = 255;

  private final JdbcStateConfig config;
  private final Clock clock;
  private final Tables tables;
  private final JdbcPool<Dialect> pool;
  private final AtomicLong writes = new AtomicLong();

  public JdbcStateStore(JdbcStateConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.tables = Tables.of(config.tablePrefix());
    this.pool =
        new JdbcPool<>(
            "the state database",
            config.pool(),
            this::createTables,
            StateUnavailableException::new);
  }

  @Override
  public Counter increment(String key, Duration ttl) {
    long now = clock.millis();
    long expires = now + ttl.toMillis();
    long value = write((d, c) -> d.increment(c, stored(key), now, expires));
    return new Counter(value, Instant.ofEpochMilli(expires));
  }

  @Override
  public Optional<Counter> counter(String key) {
    return pool.run(
        (d, c) -> {
          try (PreparedStatement ps =
                  live(c, "SELECT v, expires_at FROM " + tables.counters() + " WHERE k = ?", key);
              ResultSet rs = ps.executeQuery()) {
            return rs.next()
                ? Optional.of(new Counter(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))))
                : Optional.<Counter>empty();
          }
        });
  }

  @Override
  public Map<String, Counter> counters(List<String> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<String, String> byStored = new HashMap<>();
    keys.forEach(key -> byStored.put(stored(key), key));
    return pool.run(
        (d, c) -> {
          try (PreparedStatement ps =
              config
                  .pool()
                  .prepare(
                      c,
                      "SELECT k, v, expires_at FROM "
                          + tables.counters()
                          + " WHERE k IN ("
                          + placeholders(keys.size())
                          + ") AND expires_at > ?")) {
            int i = 1;
            for (String key : keys) {
              ps.setString(i++, stored(key));
            }
            ps.setLong(i, clock.millis());
            Map<String, Counter> live = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                live.put(
                    byStored.get(rs.getString(1)),
                    new Counter(rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))));
              }
            }
            return live;
          }
        });
  }

  @Override
  public void deleteCounters(List<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    pool.run(
        (d, c) -> {
          try (PreparedStatement ps =
              config
                  .pool()
                  .prepare(
                      c,
                      "DELETE FROM "
                          + tables.counters()
                          + " WHERE k IN ("
                          + placeholders(keys.size())
                          + ")")) {
            int i = 1;
            for (String key : keys) {
              ps.setString(i++, stored(key));
            }
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  @Override
  public boolean mark(String key, Duration ttl) {
    long now = clock.millis();
    return write((d, c) -> d.mark(c, stored(key), now, now + ttl.toMillis()));
  }

  @Override
  public boolean isMarked(String key) {
    return pool.run(
        (d, c) -> {
          try (PreparedStatement ps =
                  live(c, "SELECT 1 FROM " + tables.markers() + " WHERE k = ?", key);
              ResultSet rs = ps.executeQuery()) {
            return rs.next();
          }
        });
  }

  @Override
  public void addMember(String set, String member, Instant expiresAt) {
    if (member.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("a set member is at most " + MAX_KEY_BYTES + " bytes");
    }
    write(
        (d, c) -> {
          d.addMember(c, stored(set), member, expiresAt.toEpochMilli());
          return null;
        });
  }

  @Override
  public List<String> members(String set) {
    return pool.run(
        (d, c) -> {
          try (PreparedStatement ps =
                  live(
                      c,
                      "SELECT member FROM " + tables.members() + " WHERE set_key = ?",
                      set,
                      " ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            List<String> members = new ArrayList<>();
            while (rs.next()) {
              members.add(rs.getString(1));
            }
            return members;
          }
        });
  }

  @Override
  public void removeMember(String set, String member) {
    pool.run(
        (d, c) -> {
          try (PreparedStatement ps =
              config
                  .pool()
                  .prepare(
                      c, "DELETE FROM " + tables.members() + " WHERE set_key = ? AND member = ?")) {
            ps.setString(1, stored(set));
            ps.setString(2, member);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void ping() {
    pool.ping();
  }

  @Override
  public void close() {
    pool.close();
  }

  /** Deletes lapsed rows, a bounded batch per table. */
  void cleanUp() {
    long now = clock.millis();
    pool.run(
        (d, c) -> {
          for (String sql : d.cleanUp(CLEAN_BATCH)) {
            try (PreparedStatement ps = config.pool().prepare(c, sql)) {
              ps.setLong(1, now);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  private <T> T write(JdbcPool.Work<Dialect, T> work) {
    T result = pool.run(work);
    if (writes.incrementAndGet() % CLEAN_EVERY == 0) {
      try {
        cleanUp();
      } catch (StateUnavailableException e) {
        // The write went through; lapsed rows are ignored by every read until a later clean-up
        // removes them.
        LOG.log(System.Logger.Level.WARNING, "state clean-up failed: " + e.getMessage());
      }
    }
    return result;
  }

  /**
   * A read of one key's live rows: {@code where} names the key's column, and lapsed rows are left
   * out.
   */
  private PreparedStatement live(Connection c, String where, String key, String... order)
      throws SQLException {
    PreparedStatement ps =
        config.pool().prepare(c, where + " AND expires_at > ?" + String.join("", order));
    ps.setString(1, stored(key));
    ps.setLong(2, clock.millis());
    return ps;
  }

  /**
   * Finds the dialect and creates the tables. Two nodes starting at once may race on the DDL, so a
   * failure is tried once more; a database that still refuses (no right to create tables, say) is a
   * configuration problem.
   */
  private Dialect createTables(Connection c) throws SQLException {
    Dialect d = Dialect.of(c, tables, config.pool());
    try {
      execute(c, d.createTables());
    } catch (SQLException first) {
      if (SqlErrors.unreachable(first)) {
        throw first;
      }
      try {
        execute(c, d.createTables());
      } catch (SQLException e) {
        if (SqlErrors.unreachable(e)) {
          throw e;
        }
        throw config
            .pool()
            .problem("url", "cannot create the state tables: " + SqlErrors.describe(e));
      }
    }
    return d;
  }

  private static void execute(Connection c, List<String> statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /**
   * Keys come from callers (a login name may be long): past the column's width, a digest stands in.
   */
  static String stored(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_KEY_BYTES) {
      return key;
    }
    try {
      return "#sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
