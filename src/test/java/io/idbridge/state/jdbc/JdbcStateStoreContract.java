package io.idbridge.state.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Config;
import io.idbridge.state.StateStore;
import io.idbridge.state.StateStoreContract;
import io.idbridge.state.StateUnavailableException;
import io.idbridge.testing.Database;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real database, and what only a shared database shows: several nodes,
 * outages.
 */
abstract class JdbcStateStoreContract extends StateStoreContract {
  private final String prefix = Database.unique("idbridge_t") + "_";

  abstract Database database();

  /** A store as a node builds it from its configuration, on this test's tables. */
  static JdbcStateStore store(String url, String prefix, FakeClock clock) {
    Config config = Config.read("test", Database.stateProperties(url, prefix), Map.of());
    return new JdbcStateStore(config.state().jdbc(), clock);
  }

  @Override
  protected StateStore open(FakeClock clock) {
    return store(database().url(), prefix, clock);
  }

  @AfterEach
  void dropTables() {
    database().dropAll(prefix);
  }

  @Test
  void twoNodesOnOneDatabaseShareCountersMarkersAndSets() {
    try (JdbcStateStore other = store(database().url(), prefix, clock)) {
      store.increment("fail:ip:1", Duration.ofMinutes(5));
      assertEquals(2, other.increment("fail:ip:1", Duration.ofMinutes(5)).value());
      assertEquals(2, store.counter("fail:ip:1").orElseThrow().value());
      assertTrue(store.mark("revoked:sid", Duration.ofMinutes(5)));
      assertFalse(other.mark("revoked:sid", Duration.ofMinutes(5)));
      assertTrue(other.isMarked("revoked:sid"));
      store.addMember("sessions:u", "s1", clock.instant().plusSeconds(60));
      other.addMember("sessions:u", "s2", clock.instant().plusSeconds(60));
      assertEquals(List.of("s1", "s2"), store.members("sessions:u"));
      other.deleteCounters(List.of("fail:ip:1"));
      assertTrue(store.counter("fail:ip:1").isEmpty());
    }
  }

  @Test
  void concurrentIncrementsOnTwoNodesLeaveAnExactCount() throws Exception {
    try (JdbcStateStore other = store(database().url(), prefix, clock)) {
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          StateStore node = t % 2 == 0 ? store : other;
          done.add(
              threads.submit(
                  () -> {
                    for (int i = 0; i < 25; i++) {
                      node.increment("shared", Duration.ofMinutes(1));
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        threads.shutdownNow();
      }
      assertEquals(200, other.counter("shared").orElseThrow().value());
    }
  }

  @Test
  void theCleanUpDeletesLapsedRowsOnly() {
    JdbcStateStore jdbc = (JdbcStateStore) store;
    for (int i = 0; i < 5; i++) {
      jdbc.increment("old-" + i, Duration.ofSeconds(10));
      jdbc.mark("old-" + i, Duration.ofSeconds(10));
      jdbc.addMember("set", "old-" + i, clock.instant().plusSeconds(10));
    }
    jdbc.increment("new", Duration.ofMinutes(10));
    jdbc.mark("new", Duration.ofMinutes(10));
    jdbc.addMember("set", "new", clock.instant().plusSeconds(600));
    clock.advance(Duration.ofSeconds(11));
    jdbc.cleanUp();
    for (String table : List.of("counters", "markers", "set_members")) {
      assertEquals("1", database().queryString("SELECT COUNT(*) FROM " + prefix + table), table);
    }
    assertEquals(List.of("new"), jdbc.members("set"));
  }

  @Test
  void anOutageAnswersStateUnavailableAndTheStoreRecoversByItself() {
    try (TcpProxy proxy = TcpProxy.to(database().address())) {
      proxy.start();
      try (JdbcStateStore node = store(database().via(proxy.port()), prefix, clock)) {
        assertEquals(1, node.increment("k", Duration.ofMinutes(1)).value());
        proxy.stop();
        StateUnavailableException e =
            assertThrows(
                StateUnavailableException.class, () -> node.increment("k", Duration.ofMinutes(1)));
        assertTrue(e.getMessage().startsWith("the state database did not answer"), e.getMessage());
        assertThrows(StateUnavailableException.class, node::ping);
        proxy.start();
        assertEquals(2, eventually(() -> node.increment("k", Duration.ofMinutes(1)).value()));
        node.ping();
      }
    }
  }

  @Test
  void aDatabaseDownAtStartUpCreatesTheTablesWhenItComesBack() {
    try (TcpProxy proxy = TcpProxy.to(database().address())) {
      try (JdbcStateStore node = store(database().via(proxy.port()), prefix, clock)) {
        assertThrows(StateUnavailableException.class, node::ping);
        assertThrows(StateUnavailableException.class, () -> node.mark("m", Duration.ofMinutes(1)));
        proxy.start();
        assertTrue(eventually(() -> node.mark("m", Duration.ofMinutes(1))));
        assertTrue(store.isMarked("m"), "the same tables as every other node");
      }
    }
  }

  /**
   * The first call that works after a restart of the database: a pool may hand out one connection
   * that broke in the outage before it notices. Bounded: each try waits at most the connect
   * timeout.
   */
  static <T> T eventually(java.util.function.Supplier<T> call) {
    RuntimeException last = null;
    for (int i = 0; i < 10; i++) {
      try {
        return call.get();
      } catch (StateUnavailableException e) {
        last = e;
      }
    }
    throw last;
  }
}
