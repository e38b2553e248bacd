package io.idbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.idbridge.password.PasswordConfig;
import io.idbridge.password.PasswordHashes;
import io.idbridge.testing.Database;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.RawHttp;
import io.idbridge.testing.TestDatabases;
import io.idbridge.testing.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A login name with a control character, against a SQL directory and state store in PostgreSQL
 * (which refuses a NUL in text): a wrong login, decided before either is asked.
 */
class PostgresLoginNameIT {
  static Database db;
  static String table;
  static String prefix;
  static TestServer server;

  @BeforeAll
  static void start() {
    db = TestDatabases.require(TestDatabases.Kind.POSTGRES, PostgresLoginNameIT.class);
    table = Database.unique("idb_names_");
    prefix = Database.unique("idb_names_state_") + "_";
    db.exec(
        "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, login VARCHAR(100), pw VARCHAR(255))");
    PasswordConfig cheap = new PasswordConfig(64, 1, 1, 2);
    db.exec(
        "INSERT INTO " + table + " VALUES (1, 'alice', ?)",
        new PasswordHashes(cheap).hash("alice-pass"));
    String columns = "SELECT id, login AS username, pw AS password_hash FROM " + table;
    Map<String, String> p = new HashMap<>();
    p.put("directory.type", "jdbc");
    p.put("directory.jdbc.url", db.url());
    p.put("directory.jdbc.userByName", columns + " WHERE login = ?");
    p.put("directory.jdbc.userById", columns + " WHERE id = ?");
    p.put("state.type", "jdbc");
    p.put("state.jdbc.url", db.url());
    p.put("state.jdbc.tablePrefix", prefix);
    server = TestServer.start(p, new FakeClock());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      db.dropAll(prefix);
      db.exec("DROP TABLE " + table);
    }
  }

  @Test
  void aNulInTheNameIsAWrongLoginNotAnUnavailableDatabase() {
    for (String name : new String[] {"ali%00ce", "alice%00", "al%0Aice", "%7Falice"}) {
      RawHttp.Response res =
          RawHttp.exchange(
              server.uri("/"),
              "POST /api/login HTTP/1.1\nHost: x\nConnection: close\n"
                  + "Content-Type: application/x-www-form-urlencoded\nContent-Length: "
                  + ("username=" + name + "&password=alice-pass").length()
                  + "\n\nusername="
                  + name
                  + "&password=alice-pass");
      assertEquals(401, res.status(), name + ": " + res);
      assertEquals("invalid_credentials", res.json().get("error").asText(), res.body());
    }
    assertNull(
        db.queryString("SELECT k FROM " + prefix + "counters WHERE k LIKE 'fail:user:%'"),
        "no failure was counted in the state store for such a name");
  }

  @Test
  void theSameUserStillLogsIn() {
    assertEquals(
        200,
        server
            .postForm("/api/login", Map.of("username", "alice", "password", "alice-pass"))
            .statusCode());
  }
}
