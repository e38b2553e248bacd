package io.idbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idbridge.Config;
import io.idbridge.testing.Database;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TcpProxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code audit.sink=jdbc} on a real database: the table made at start, rows in order, outages. */
abstract class JdbcAuditContract {
  final String prefix = Database.unique("idbridge_a") + "_";
  final FakeClock clock = new FakeClock();
  final List<String> failures = new ArrayList<>();

  abstract Database database();

  AuditTrail trail(String url) {
    Map<String, String> props = new HashMap<>(Database.stateProperties(url, prefix));
    props.put("audit.sink", "jdbc");
    Config config = Config.read("test", props, Map.of());
    return AuditTrail.open(config.audit(), config.state(), failures::add, clock);
  }

  @AfterEach
  void dropTables() {
    database().dropAll(prefix);
  }

  @Test
  void eventsAreRowsInTheOrderTheyHappenedInATableMadeAtStart() throws Exception {
    try (AuditTrail trail = trail(database().url())) {
      trail.failure(AuditEvent.Kind.LOGIN_FAILED, null, "bob", "invalid_credentials");
      trail.success(AuditEvent.Kind.LOGIN_SUCCEEDED, "id-bob", null);
      trail.success(AuditEvent.Kind.LOGOUT, "id-bob", null);
    }
    assertEquals("3", database().queryString("SELECT COUNT(*) FROM " + prefix + "audit"));
    assertEquals(
        "login.failed",
        database().queryString("SELECT event FROM " + prefix + "audit ORDER BY id LIMIT 1"));
    assertEquals(
        "logout",
        new ObjectMapper()
            .readTree(
                database()
                    .queryString("SELECT line FROM " + prefix + "audit ORDER BY id DESC LIMIT 1"))
            .get("event")
            .asText());
    assertEquals(
        "bob",
        database()
            .queryString(
                "SELECT login_name FROM " + prefix + "audit WHERE event = ?", "login.failed"));
    assertEquals(List.of(), failures);
  }

  @Test
  void aDatabaseThatIsDownLosesTheEventButNotTheLogin() {
    try (TcpProxy proxy = TcpProxy.to(database().address());
        AuditTrail trail = trail(database().via(proxy.port()))) {
      trail.success(AuditEvent.Kind.LOGIN_SUCCEEDED, "id-bob", null); // does not throw
      assertEquals(List.of("jdbc"), failures);
      proxy.start();
      for (int i = 0; i < 10 && failures.size() == i + 1; i++) {
        trail.success(AuditEvent.Kind.LOGOUT, "id-bob", null); // the pool may lend a broken one
      }
    }
    assertTrue(
        Integer.parseInt(database().queryString("SELECT COUNT(*) FROM " + prefix + "audit")) >= 1,
        "written once the database is back");
  }
}
