package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.directory.User;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission of hashes over real HTTP: one hash at a time, none waiting, so a second login while a
 * slow hash runs is refused at once; and a stored hash costlier than the memory budget.
 */
class PasswordHashingIT {
  // m=32 MiB, t=24: long enough at native speed for /health to see it running.
  private static final PasswordConfig SLOW = new PasswordConfig(32768, 24, 1, 1);
  private static final ExecutorService THREADS = Executors.newCachedThreadPool();
  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "password.maxConcurrent", "1",
                "password.maxQueued", "0",
                "password.maxMemory", "128",
                "throttle.threshold", "1000"),
            new FakeClock());
    server.addUser("alice", "alice-password", Map.of());
    server
        .users()
        .add(
            User.of(
                "id-slow",
                "slow",
                new PasswordHashes(SLOW).hash("slow-password"),
                "Slow",
                "",
                Map.of()));
    // What argon2-cffi's or Django's defaults would cost at 4 GiB: never affordable here.
    server
        .users()
        .add(
            User.of(
                "id-huge",
                "huge",
                "$argon2id$v=19$m=4194304,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$"
                    + "nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
                "Huge",
                "",
                Map.of()));
  }

  @AfterAll
  static void stop() {
    server.close();
    THREADS.shutdown();
  }

  @Test
  void healthNamesTheNativeArgon2() {
    JsonNode health = Json.parse(server.get("/health").body());

    assertEquals("argon2id native", health.get("password_hash").asText());
    assertEquals(0, health.get("hashing").get("waiting").asInt());
  }

  @Test
  void aLoginBeyondTheQueueAnswers503WithRetryAfterWhileHealthAnswers() throws Exception {
    CompletableFuture<HttpResponse<String>> slow =
        CompletableFuture.supplyAsync(
            () ->
                server.postForm(
                    "/api/login", Map.of("username", "slow", "password", "slow-password")),
            THREADS);
    awaitRunningHashes(1);

    HttpResponse<String> refused =
        server.postForm(
            "/api/login",
            Map.of("username", "alice", "password", "alice-password"),
            "X-Request-Id",
            "rid-busy-1");
    HttpResponse<String> health = server.get("/health");

    assertEquals(503, refused.statusCode(), refused.body());
    assertTrue(
        Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1,
        "Retry-After in whole seconds");
    JsonNode body = Json.parse(refused.body());
    assertEquals("unavailable", body.get("error").asText());
    assertEquals("rid-busy-1", body.get("request_id").asText());
    assertEquals(200, health.statusCode(), health.body());
    assertEquals("UP", Json.parse(health.body()).get("status").asText());
    assertEquals(200, slow.get(60, TimeUnit.SECONDS).statusCode(), "the admitted login succeeds");
    assertEquals(
        200,
        server
            .postForm("/api/login", Map.of("username", "alice", "password", "alice-password"))
            .statusCode(),
        "once the hash is done, logins are admitted again");
  }

  @Test
  void aStoredHashBeyondTheMemoryBudgetAnswersAsAWrongPassword() {
    HttpResponse<String> huge =
        server.postForm("/api/login", Map.of("username", "huge", "password", "anything"));
    HttpResponse<String> wrong =
        server.postForm("/api/login", Map.of("username", "alice", "password", "not-hers"));

    assertEquals(wrong.statusCode(), huge.statusCode());
    assertEquals(401, huge.statusCode());
    assertEquals(
        Json.parse(wrong.body()).get("error").asText(),
        Json.parse(huge.body()).get("error").asText());
    assertEquals(
        Json.parse(wrong.body()).get("message").asText(),
        Json.parse(huge.body()).get("message").asText());
  }

  /** Polls {@code /health} (bounded) until that many hashes run: it must answer meanwhile. */
  private static void awaitRunningHashes(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int running = -1;
    while (System.nanoTime() < deadline) {
      running = Json.parse(server.get("/health").body()).get("hashing").get("running").asInt();
      if (running >= count) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError(running + " hashes running, not " + count);
  }
}
