package io.idbridge.directory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import io.idbridge.directory.HashedPasswordCheck;
import io.idbridge.directory.User;
import io.idbridge.password.PasswordHashes;
import io.idbridge.testing.Database;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TcpProxy;
import io.idbridge.testing.TestServer;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The jdbc directory against a real database: a customer's table with bcrypt and PBKDF2 hashes,
 * logins through {@code /api/login}, the upgrade of hashes, the checks at start-up, and the
 * database going away and coming back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcUserDirectoryContract {
  // PHP manual, password_verify(): a $2y$ hash as PHP applications store them.
  static final String PHP_BCRYPT = "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a";
  // Openwall crypt_blowfish test vector, password "U*U".
  static final String OPENWALL_BCRYPT =
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
  // passlib's pbkdf2_sha256 test vector, password "password".
  static final String PASSLIB_PBKDF2 =
      "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ";
  // Django's test_pbkdf2 vector, password "lètmein".
  static final String DJANGO_PBKDF2 =
      "pbkdf2_sha256$10000$seasalt$CWWFdHOWwPnki7HvkcqN9iA2T3KLW1cf2uZ5kvArtVY=";

  static final FakeClock CLOCK = new FakeClock(java.time.Instant.now());

  Database db;
  String table;
  TestServer server;

  /** The database, or the suite skipped with a message. */
  abstract Database database();

  @BeforeAll
  void seedTheCustomersTableAndStart() {
    db = database();
    table = Database.unique("idb_users_");
    db.exec(
        "CREATE TABLE "
            + table
            + " (id INTEGER PRIMARY KEY, login VARCHAR(100) NOT NULL UNIQUE,"
            + " pw VARCHAR(255), full_name VARCHAR(200), mail VARCHAR(200), department VARCHAR(50),"
            + " locked BOOLEAN NOT NULL DEFAULT FALSE)");
    String generated = OpenBSDBCrypt.generate("lou-pass".toCharArray(), new byte[16], 4);
    row(1, "bea", PHP_BCRYPT, "Bea Bcrypt", "bea@example.com", "Sales", false);
    row(2, "pat", PASSLIB_PBKDF2, "Pat Passlib", "pat@example.com", "Ops", false);
    row(3, "dj", DJANGO_PBKDF2, "Dj Ango", "dj@example.com", null, false);
    row(4, "lou", generated, "Lou Locked", "lou@example.com", "Sales", true);
    row(5, "rita", OPENWALL_BCRYPT, "Rita Rehash", "rita@example.com", "IT", false);
    server = TestServer.start(props(db.url()), CLOCK);
  }

  @AfterAll
  void stopAndDrop() {
    if (server != null) {
      server.close();
    }
    if (table != null) {
      db.exec("DROP TABLE " + table);
    }
  }

  private void row(
      int id, String login, String hash, String name, String mail, String dept, boolean locked) {
    db.exec(
        "INSERT INTO "
            + table
            + " (id, login, pw, full_name, mail, department, locked) VALUES (?,?,?,?,?,?,?)",
        id,
        login,
        hash,
        name,
        mail,
        dept,
        locked);
  }

  /** A customer's own column names, mapped by aliases and the column keys. */
  Map<String, String> props(String url) {
    String columns =
        "SELECT id, login AS username, pw AS password_hash, full_name, mail, department, locked FROM "
            + table;
    Map<String, String> p = new HashMap<>();
    p.put("directory.type", "jdbc");
    p.put("directory.jdbc.url", url);
    p.put("directory.jdbc.userByName", columns + " WHERE login = ?");
    p.put("directory.jdbc.userById", columns + " WHERE id = ?");
    p.put("directory.jdbc.updateHash", "UPDATE " + table + " SET pw = ? WHERE id = ?");
    p.put("directory.jdbc.displayNameColumn", "full_name");
    p.put("directory.jdbc.emailColumn", "mail");
    p.put("directory.jdbc.disabledColumn", "locked");
    p.put("directory.jdbc.poolSize", "2");
    p.put("directory.jdbc.connectTimeout", "1s");
    p.put("throttle.track", "none");
    return p;
  }

  HttpResponse<String> login(TestServer node, String user, String password) {
    return node.postForm("/api/login", Map.of("username", user, "password", password));
  }

  String storedHash(String login) {
    return db.queryString("SELECT pw FROM " + table + " WHERE login = ?", login);
  }

  @Test
  void aPhpBcryptRowLogsInThroughTheApiWithItsMappedColumns() {
    HttpResponse<String> res = login(server, "bea", "rasmuslerdorf");
    assertEquals(200, res.statusCode(), res.body());
    JsonNode user = Json.parse(res.body()).get("user");
    assertEquals("1", user.get("id").asText());
    assertEquals("bea", user.get("username").asText());
    assertEquals("Bea Bcrypt", user.get("display_name").asText());
    assertEquals("bea@example.com", user.get("email").asText());
  }

  @Test
  void passlibAndDjangoPbkdf2RowsLogInAsTheyAre() {
    assertEquals(200, login(server, "pat", "password").statusCode());
    assertEquals(200, login(server, "dj", "lètmein").statusCode());
  }

  @Test
  void aSuccessfulLoginRewritesAnOlderHashAsArgon2idInTheTable() {
    assertEquals(401, login(server, "rita", "U*V").statusCode());
    assertEquals(OPENWALL_BCRYPT, storedHash("rita"), "a wrong password upgrades nothing");
    assertEquals(200, login(server, "rita", "U*U").statusCode());
    String upgraded = storedHash("rita");
    assertTrue(upgraded.startsWith("$argon2id$"), upgraded);
    assertTrue(new PasswordHashes(server.config().password()).verify("U*U", upgraded));
    assertEquals(200, login(server, "rita", "U*U").statusCode(), "the new hash logs in");
    assertEquals(upgraded, storedHash("rita"), "an argon2id hash is left as it is");
  }

  @Test
  void aPasswordChangedBetweenALoginsReadAndItsRehashIsNotOverwritten() {
    row(6, "vic", OPENWALL_BCRYPT, "Vic Verified", "vic@example.com", "IT", false);
    Map<String, String> p = props(db.url());
    p.put("directory.jdbc.updateHash", "UPDATE " + table + " SET pw = ? WHERE id = ? AND pw = ?");
    try (JdbcUserDirectory users = directory(p)) {
      // The login read the row and verified its old hash; then an administrator set a new one.
      User verified = users.findByUsername("vic").orElseThrow();
      String changed = OpenBSDBCrypt.generate("new-pass".toCharArray(), new byte[16], 4);
      db.exec("UPDATE " + table + " SET pw = ? WHERE login = ?", changed, "vic");
      users.rehash(verified, "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA");
      assertEquals(changed, storedHash("vic"), "the administrator's hash stays");
      users.rehash(users.findByUsername("vic").orElseThrow(), "upgraded");
      assertEquals("upgraded", storedHash("vic"), "a hash still the verified one is replaced");
    }
  }

  @Test
  void aWrongPasswordAnUnknownUserAndALockedUserGetTheSameAnswer() {
    for (HttpResponse<String> res :
        List.of(
            login(server, "pat", "nope"),
            login(server, "nobody", "nope"),
            login(server, "lou", "lou-pass"),
            login(server, "1 OR 1=1", "x"))) {
      assertEquals(401, res.statusCode(), res.body());
      assertEquals("invalid_credentials", Json.parse(res.body()).get("error").asText());
    }
  }

  @Test
  void everyOtherColumnBecomesAnAttributeAndLookupsByIdWork() {
    try (JdbcUserDirectory dir = directory(props(db.url()))) {
      User bea = dir.findById("1").orElseThrow();
      assertEquals("bea", bea.username());
      assertEquals("Bea Bcrypt", bea.displayName());
      assertEquals(Map.of("department", "Sales"), bea.attributes());
      assertFalse(bea.disabled());
      assertEquals(
          Map.of(), dir.findById("3").orElseThrow().attributes(), "a NULL column is no attribute");
      assertTrue(dir.findByUsername("lou").orElseThrow().disabled());
      assertTrue(dir.findById("999").isEmpty());
      assertTrue(
          dir.findById("not-a-number").isEmpty(),
          "an integer id column compares with numbers only");
      assertTrue(dir.findByUsername("nobody").isEmpty());
      dir.ping();
    }
  }

  @Test
  void aStatementTheDatabaseRefusesStopsStartUpNamingTheKey() {
    Map<String, String> p = props(db.url());
    p.put("directory.jdbc.userByName", "SELEC id FROM " + table + " WHERE login = ?");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> TestServer.start(p, CLOCK));
    String message = configProblem(e);
    assertTrue(
        message.startsWith("test: directory.jdbc.userByName: the database refuses it: "), message);
  }

  @Test
  void aQueryWithoutTheNamedColumnsStopsStartUp() {
    assertProblem(
        "userByName",
        "SELECT id, full_name, mail, locked FROM " + table + " WHERE login = ?",
        "test: directory.jdbc.userByName: the query returns no column password_hash (name a column with AS)");
    assertProblem(
        "userById",
        "SELECT login AS id, pw AS password_hash FROM " + table + " WHERE id = ?",
        "test: directory.jdbc.userById: the query returns no column full_name, mail, locked (name a column with AS)");
  }

  @Test
  void aStatementWithTheWrongNumberOfParametersStopsStartUp() {
    assertProblem(
        "userById",
        "SELECT id, full_name, mail, locked FROM " + table + " WHERE id = ? AND login = ?",
        "test: directory.jdbc.userById: takes one parameter (?), not 2");
    assertProblem(
        "userByName",
        "SELECT id, pw AS password_hash, full_name, mail, locked FROM " + table,
        "test: directory.jdbc.userByName: takes one parameter (?), not 0");
    assertProblem(
        "updateHash",
        "UPDATE " + table + " SET pw = ?",
        "test: directory.jdbc.updateHash: takes two parameters (?, ?), not 1");
    assertProblem(
        "updateHash",
        "UPDATE " + table + "_missing SET pw = ? WHERE id = ?",
        "test: directory.jdbc.updateHash: the database refuses it: ");
  }

  @Test
  void anUnreachableDatabaseDoesNotStopStartUpButAnswers503AndHealthSaysDown() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (TestServer down = TestServer.start(props(db.via(closed)), CLOCK)) {
      assertDown(down);
    }
  }

  @Test
  void theDirectoryRecoversByItselfWhenTheDatabaseComesBack() {
    try (TcpProxy proxy = TcpProxy.to(db.address());
        TestServer node = TestServer.start(props(db.via(proxy.port())), CLOCK)) {
      assertDown(node);
      proxy.start();
      assertEquals(
          200,
          eventually(() -> login(node, "pat", "password")).statusCode(),
          "the statements are checked on the first connection, then logins work");
      assertEquals(200, node.get("/health").statusCode());
      proxy.stop();
      assertDown(node);
      proxy.start();
      assertEquals(200, eventually(() -> login(node, "pat", "password")).statusCode());
    }
  }

  private static void assertDown(TestServer node) {
    HttpResponse<String> res =
        node.postForm("/api/login", Map.of("username", "pat", "password", "password"));
    assertEquals(503, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertEquals("unavailable", body.get("error").asText());
    assertEquals(
        "the user directory is unavailable; try again shortly", body.get("message").asText());
    HttpResponse<String> health = node.get("/health");
    assertEquals(503, health.statusCode());
    JsonNode h = Json.parse(health.body());
    assertEquals("DOWN", h.get("status").asText());
    assertEquals("DOWN", h.get("directory").get("status").asText());
    assertTrue(
        h.get("directory").get("message").asText().startsWith("the user database did not answer"));
    assertEquals("UP", h.get("state").get("status").asText());
  }

  /**
   * The first answer that is not 503: after an outage the pool may first hand out a connection that
   * broke.
   */
  private static HttpResponse<String> eventually(Supplier<HttpResponse<String>> call) {
    HttpResponse<String> res = call.get();
    for (int i = 0; i < 10 && res.statusCode() == 503; i++) {
      res = call.get();
    }
    return res;
  }

  private void assertProblem(String key, String sql, String expected) {
    Map<String, String> p = props(db.url());
    p.put("directory.jdbc." + key, sql);
    ConfigException e = assertThrows(ConfigException.class, () -> directory(p).close());
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  private static JdbcUserDirectory directory(Map<String, String> props) {
    Config config = Config.read("test", props, Map.of());
    return new JdbcUserDirectory(
        config.directory().jdbc(), new HashedPasswordCheck(new PasswordHashes(config.password())));
  }

  /** The configuration problem a failed start-up reports. */
  private static String configProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException c) {
        return c.getMessage();
      }
    }
    throw new AssertionError("no configuration problem in " + e, e);
  }
}
