package io.idbridge.state.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.Config;
import io.idbridge.password.PasswordHashes;
import io.idbridge.testing.Database;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TcpProxy;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two idbridge nodes on different ports sharing one database for their users and their state, as
 * behind a load balancer: what one node counts, revokes or limits, the other knows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterContract {
  static final FakeClock CLOCK = new FakeClock(java.time.Instant.now());
  static final String PASSWORD = "shared-secret-pw";

  Database db;
  String prefix;
  String users;

  /**
   * One pair with the policy revoke-oldest, one with reject; all four nodes share the same tables.
   */
  TestServer a;

  TestServer b;
  TestServer rejectA;
  TestServer rejectB;
  private final AtomicInteger nextIp = new AtomicInteger(1);

  abstract Database database();

  @BeforeAll
  void startFourNodesOnOneDatabase() {
    db = database();
    prefix = Database.unique("idbridge_c") + "_";
    users = Database.unique("idb_cluster_users_");
    db.exec(
        "CREATE TABLE "
            + users
            + " (id VARCHAR(40) PRIMARY KEY, username VARCHAR(100) NOT NULL UNIQUE,"
            + " password_hash VARCHAR(255) NOT NULL)");
    String hash =
        new PasswordHashes(Config.read("test", TestServer.CHEAP, Map.of()).password())
            .hash(PASSWORD);
    for (String name : List.of("ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal", "ivy")) {
      db.exec(
          "INSERT INTO " + users + " (id, username, password_hash) VALUES (?, ?, ?)",
          "id-" + name,
          name,
          hash);
    }
    a = TestServer.start(props(db.url(), "revoke-oldest"), CLOCK);
    b = TestServer.start(props(db.url(), "revoke-oldest"), CLOCK);
    rejectA = TestServer.start(props(db.url(), "reject"), CLOCK);
    rejectB = TestServer.start(props(db.url(), "reject"), CLOCK);
  }

  @AfterAll
  void stopAndDrop() {
    for (TestServer node : new TestServer[] {a, b, rejectA, rejectB}) {
      if (node != null) {
        node.close();
      }
    }
    if (prefix != null) {
      db.dropAll(prefix);
      db.exec("DROP TABLE IF EXISTS " + users);
    }
  }

  Map<String, String> props(String stateUrl, String onLimit) {
    Map<String, String> p = new HashMap<>();
    p.put("directory.type", "jdbc");
    p.put("directory.jdbc.url", db.url());
    p.put(
        "directory.jdbc.userByName",
        "SELECT id, username, password_hash FROM " + users + " WHERE username = ?");
    p.put(
        "directory.jdbc.userById",
        "SELECT id, username, password_hash FROM " + users + " WHERE id = ?");
    p.put("directory.jdbc.poolSize", "4");
    p.put("state.type", "jdbc");
    p.put("state.jdbc.url", stateUrl);
    p.put("state.jdbc.tablePrefix", prefix);
    p.put("state.jdbc.poolSize", "4");
    p.put("state.jdbc.connectTimeout", "1s");
    p.put("sessions.concurrency", "one-across-apps");
    p.put("sessions.onLimit", onLimit);
    p.put("throttle.threshold", "3");
    p.put("throttle.userThreshold", "100");
    p.put("http.trustedProxies", "127.0.0.1,::1");
    return p;
  }

  /**
   * A client address of its own (through the trusted-proxy header), so that tests do not share
   * counts.
   */
  String freshIp() {
    return "203.0.113." + nextIp.incrementAndGet();
  }

  static HttpResponse<String> login(TestServer node, String user, String password, String ip) {
    return node.postForm(
        "/api/login", Map.of("username", user, "password", password), "X-Forwarded-For", ip);
  }

  static HttpResponse<String> logout(TestServer node, String token) {
    return node.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + token);
  }

  static String token(HttpResponse<String> res) {
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).get("token").asText();
  }

  @Test
  void failuresOnOneNodeCountOnTheOtherUntil429() {
    String ip = freshIp();
    assertEquals(401, login(a, "ann", "wrong-1", ip).statusCode());
    assertEquals(401, login(b, "ann", "wrong-2", ip).statusCode());
    assertEquals(401, login(a, "ann", "wrong-3", ip).statusCode());
    for (TestServer node : List.of(a, b)) {
      HttpResponse<String> blocked = login(node, "ann", PASSWORD, ip);
      assertEquals(429, blocked.statusCode(), "the third failure was counted on both nodes");
      assertTrue(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()) > 0);
    }
    assertEquals(
        200, login(b, "ann", PASSWORD, freshIp()).statusCode(), "another address is not blocked");
  }

  @Test
  void aLogoutOnOneNodeIsRefusedOnTheOther() {
    String token = token(login(a, "fay", PASSWORD, freshIp()));
    assertEquals(200, logout(a, token).statusCode());
    HttpResponse<String> again = logout(b, token);
    assertEquals(401, again.statusCode(), again.body());
    assertEquals("invalid_token", Json.parse(again.body()).get("error").asText());
  }

  static int verify(TestServer node, String token) {
    return node.get("/connectycube/verify?token=" + token).statusCode();
  }

  @Test
  void aSessionRevokedOnOneNodeIsRefusedOnTheOtherWithinTheRevocationCacheTtl() {
    String token = token(login(a, "hal", PASSWORD, freshIp()));
    assertEquals(200, verify(b, token));

    assertEquals(200, logout(a, token).statusCode());

    assertEquals(401, verify(a, token), "on the node that revoked it, at once");
    assertEquals(200, verify(b, token), "the other node believes its answer for 1 s (the default)");
    CLOCK.advance(java.time.Duration.ofSeconds(1));
    assertEquals(401, verify(b, token), "and asks again after it");
  }

  @Test
  void withARevocationCacheTtlOfZeroTheOtherNodeRefusesARevokedSessionAtOnce() {
    Map<String, String> strict = props(db.url(), "revoke-oldest");
    strict.put("state.revocationCacheTtl", "0s");
    try (TestServer x = TestServer.start(strict, CLOCK);
        TestServer y = TestServer.start(strict, CLOCK)) {
      String token = token(login(x, "ivy", PASSWORD, freshIp()));
      assertEquals(200, verify(y, token));
      assertEquals(200, logout(x, token).statusCode());
      assertEquals(401, verify(y, token));
    }
  }

  @Test
  void aLoginOnOneNodeRevokesTheOlderSessionOpenedOnTheOther() {
    String first = token(login(a, "bob", PASSWORD, freshIp()));
    String second = token(login(b, "bob", PASSWORD, freshIp()));
    assertEquals(
        401, logout(a, first).statusCode(), "the older session was revoked by the other node");
    assertEquals(200, logout(a, second).statusCode(), "the newer one lives, on either node");
  }

  @Test
  void aLoginOnOneNodeIsRejectedWhileTheOtherHoldsTheUsersSession() {
    String first = token(login(rejectA, "cat", PASSWORD, freshIp()));
    HttpResponse<String> refused = login(rejectB, "cat", PASSWORD, freshIp());
    assertEquals(409, refused.statusCode(), refused.body());
    assertEquals("session_limit", Json.parse(refused.body()).get("error").asText());
    assertEquals(200, logout(rejectA, first).statusCode());
    assertEquals(
        200,
        login(rejectB, "cat", PASSWORD, freshIp()).statusCode(),
        "after the logout, a new login");
  }

  @Test
  void racingLoginsOnBothNodesOpenExactlyOneSessionUnderReject() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      for (int t = 0; t < threads; t++) {
        TestServer node = t % 2 == 0 ? rejectA : rejectB;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return login(node, "gus", PASSWORD, freshIp()).statusCode();
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      assertEquals(
          1,
          statuses.stream().filter(s -> s == 200).count(),
          "one session, the rest refused: " + statuses);
      assertEquals(
          threads - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentFailedLoginsOnBothNodesLeaveAnExactCount() throws Exception {
    int threads = 8;
    int each = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Integer>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        TestServer node = t % 2 == 0 ? a : b;
        results.add(
            pool.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    statuses.add(login(node, "dan", "wrong", freshIp()).statusCode());
                  }
                  return statuses;
                }));
      }
      for (Future<List<Integer>> f : results) {
        assertEquals(List.of(401, 401, 401, 401, 401, 401, 401, 401), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    try (JdbcStateStore state = JdbcStateStoreContract.store(db.url(), prefix, CLOCK)) {
      assertEquals(threads * each, state.counter("fail:user:dan").orElseThrow().value());
    }
  }

  @Test
  void aNodeWhoseStateDatabaseIsDownAnswers503AndRecoversByItself() {
    try (TcpProxy proxy = TcpProxy.to(db.address());
        TestServer node = TestServer.start(props(db.via(proxy.port()), "revoke-oldest"), CLOCK)) {
      HttpResponse<String> down = login(node, "eve", PASSWORD, freshIp());
      assertEquals(503, down.statusCode(), down.body());
      assertEquals(
          "the session store is unavailable; try again shortly",
          Json.parse(down.body()).get("message").asText());
      JsonNode health = Json.parse(node.get("/health").body());
      assertEquals("DOWN", health.get("state").get("status").asText());
      assertEquals("UP", health.get("directory").get("status").asText());

      proxy.start();
      HttpResponse<String> up = login(node, "eve", PASSWORD, freshIp());
      for (int i = 0; i < 10 && up.statusCode() == 503; i++) {
        up = login(node, "eve", PASSWORD, freshIp());
      }
      assertEquals(200, up.statusCode(), up.body());
      assertEquals(200, node.get("/health").statusCode());
      assertEquals(
          200, logout(a, token(up)).statusCode(), "the recovered node shares the others' tables");
    }
  }
}
