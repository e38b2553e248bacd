package io.idbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.mfa.Base32;
import io.idbridge.mfa.Totp;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of a running server (audit.sink=file): every login, session and MFA event over
 * real HTTP, in order, with its request and client, and never a secret.
 */
class AuditIT {
  static final FakeClock CLOCK = new FakeClock(Instant.parse("2026-06-01T09:00:05Z"));
  static final String PASSWORD = "dora-audit-pass";
  static final String IP = "203.0.113.21";
  static TestServer server;
  static Path file;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "audit.sink",
                "file",
                "audit.file",
                System.getProperty("java.io.tmpdir")
                    + "/idbridge-audit-"
                    + System.nanoTime()
                    + "/audit.log",
                "sessions.concurrency",
                "one-across-apps",
                "throttle.threshold",
                "3",
                "http.trustedProxies",
                "127.0.0.1,::1"),
            CLOCK);
    file = server.config().audit().file();
    server.addUser("dora", PASSWORD, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> login(String name, String password, String ip) {
    return server.postForm(
        "/api/login",
        Map.of("username", name, "password", password),
        "X-Forwarded-For",
        ip,
        "X-Request-Id",
        "rid-" + name + "-" + System.nanoTime());
  }

  static String token(HttpResponse<String> res) {
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).get("token").asText();
  }

  static List<JsonNode> events() {
    try {
      List<JsonNode> all = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        JsonNode e = Json.parse(line);
        // The keys a first start makes are events too; CliAuditIT checks those.
        if (!e.get("event").asText().equals("key.generated")) {
          all.add(e);
        }
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyLoginSessionAndMfaEventIsOneLineInOrderWithoutASecret() {
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, "wrong-" + PASSWORD));
    assertEquals(401, login("dora", "wrong-" + PASSWORD, IP).statusCode());
    String first = token(login("dora", PASSWORD, IP));
    String second = token(login("dora", PASSWORD, IP)); // one across apps: the first is revoked
    secrets.addAll(List.of(first, second));
    assertEquals(
        200,
        server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + second).statusCode());

    String bearer = "Bearer " + token(login("dora", PASSWORD, IP));
    secrets.add(bearer.substring(7));
    HttpResponse<String> enroll =
        server.postForm("/api/mfa/enroll", Map.of(), "Authorization", bearer);
    String secret = Json.parse(enroll.body()).get("secret").asText();
    String enrollCode = code(secret);
    HttpResponse<String> confirm =
        server.postForm(
            "/api/mfa/confirm",
            Map.of("otp", enrollCode),
            "Authorization",
            bearer,
            "X-Forwarded-For",
            IP);
    assertEquals(200, confirm.statusCode(), confirm.body());

    CLOCK.advance(Duration.ofSeconds(30)); // a new code: the confirmation's is spent
    HttpResponse<String> due = login("dora", PASSWORD, IP);
    String mfaToken = Json.parse(due.body()).get("mfa_token").asText();
    // Not 000000, which a timestamp may hold.
    String wrongCode = code(secret).equals("918273") ? "192837" : "918273";
    assertEquals(401, step(mfaToken, wrongCode).statusCode());
    String code = code(secret);
    HttpResponse<String> opened = step(mfaToken, code);
    secrets.addAll(List.of(secret, enrollCode, wrongCode, code, mfaToken, token(opened)));

    for (int i = 0; i < 3; i++) {
      assertEquals(401, login("ghost", "not-it", "198.51.100.7").statusCode());
    }
    assertEquals(429, login("ghost", "not-it", "198.51.100.7").statusCode());

    List<JsonNode> events = events();
    assertEquals(
        List.of(
            "login.failed",
            "login.succeeded",
            "session.revoked",
            "login.succeeded",
            "logout",
            "login.succeeded",
            "mfa.enrolled",
            "mfa.failed",
            "mfa.passed",
            "session.revoked",
            "login.succeeded",
            "login.failed",
            "login.failed",
            "login.failed",
            "login.throttled"),
        events.stream().map(e -> e.get("event").asText()).toList());

    JsonNode failed = events.get(0);
    assertEquals("api", failed.get("contract").asText());
    assertEquals("dora", failed.get("login_name").asText());
    assertEquals(IP, failed.get("client").asText());
    assertEquals("invalid_credentials", failed.get("detail").asText());
    assertTrue(failed.get("request_id").asText().startsWith("rid-dora-"));
    assertEquals("id-dora", events.get(1).get("user_id").asText());
    JsonNode wrong = events.get(7);
    assertEquals(
        "id-dora", wrong.get("user_id").asText(), "the mfa_token named the user: " + wrong);
    assertEquals("wrong_code", wrong.get("detail").asText());
    assertEquals("code", events.get(8).get("detail").asText());
    assertEquals("ghost", events.get(14).get("login_name").asText());

    for (JsonNode e : events) {
      for (Iterator<Map.Entry<String, JsonNode>> f = e.fields(); f.hasNext(); ) {
        String value = f.next().getValue().asText();
        for (String s : secrets) {
          assertFalse(value.contains(s), "no secret in " + e);
        }
      }
    }
  }

  static HttpResponse<String> step(String mfaToken, String otp) {
    return server.postForm(
        "/api/login/mfa", Map.of("mfa_token", mfaToken, "otp", otp), "X-Forwarded-For", IP);
  }

  static String code(String secret) {
    Totp totp = server.config().mfa().totp();
    return totp.code(Base32.decode(secret), totp.step(CLOCK.instant()));
  }
}
