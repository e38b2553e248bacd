package io.idbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idbridge.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
  final FakeClock clock = new FakeClock(Instant.parse("2026-01-02T03:04:05Z"));
  final List<String> lines = new ArrayList<>();
  final List<String> failures = new ArrayList<>();

  @AfterEach
  void leaveTheThreadClean() {
    RequestContext.clear();
  }

  @Test
  void anEventCarriesTheTimeTheRequestAndTheOutcomeAndLeavesOutWhatIsAbsent() throws Exception {
    AuditTrail trail = new AuditTrail((e, json) -> lines.add(json), "test", failures::add, clock);
    new RequestContext("rid-1", "voltmx", "203.0.113.9").enter();
    trail.failure(AuditEvent.Kind.LOGIN_FAILED, null, "Alice ", "invalid_credentials");
    JsonNode e = new ObjectMapper().readTree(lines.get(0));
    assertEquals("2026-01-02T03:04:05Z", e.get("time").asText());
    assertEquals("login.failed", e.get("event").asText());
    assertEquals("rid-1", e.get("request_id").asText());
    assertEquals("voltmx", e.get("contract").asText());
    assertEquals("Alice ", e.get("login_name").asText(), "the name as typed");
    assertEquals("203.0.113.9", e.get("client").asText());
    assertEquals("failure", e.get("outcome").asText());
    assertEquals("invalid_credentials", e.get("detail").asText());
    assertFalse(e.has("user_id"));
  }

  @Test
  void outsideARequestTheContextSaysSo() throws Exception {
    AuditTrail trail = new AuditTrail((e, json) -> lines.add(json), "test", failures::add, clock);
    trail.success(AuditEvent.Kind.KEY_GENERATED, null, "ES256 kid");
    JsonNode e = new ObjectMapper().readTree(lines.get(0));
    assertEquals("-", e.get("request_id").asText());
    assertEquals("key.generated", e.get("event").asText());
  }

  @Test
  void aSinkThatFailsNeverThrowsAndEveryLostEventIsCounted() {
    AuditTrail trail =
        new AuditTrail(
            (e, json) -> {
              throw new IOException("disk full");
            },
            "file",
            failures::add,
            clock);
    trail.success(AuditEvent.Kind.LOGOUT, "u1", null);
    trail.success(AuditEvent.Kind.LOGOUT, "u1", null);
    assertEquals(List.of("file", "file"), failures);
  }

  @Test
  void aSinkThatStaysDownIsSaidInTheLogOnceAMinute() {
    Logger log = Logger.getLogger(AuditTrail.class.getName());
    List<LogRecord> said = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            said.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(handler);
    try {
      AuditTrail trail =
          new AuditTrail(
              (e, json) -> {
                throw new IOException("disk full");
              },
              "file",
              failures::add,
              clock);
      for (int i = 0; i < 3; i++) {
        trail.success(AuditEvent.Kind.LOGOUT, "u1", null);
        clock.advance(Duration.ofSeconds(20));
      }
      assertEquals(1, said.size(), "three failures within a minute: one line");
      trail.success(AuditEvent.Kind.LOGOUT, "u1", null);
      assertEquals(2, said.size());
      assertTrue(said.get(1).getMessage().contains("3 event(s) lost"), said.get(1).getMessage());
    } finally {
      log.removeHandler(handler);
    }
  }

  @Test
  void everyKindHasAPlainDottedName() {
    for (AuditEvent.Kind k : AuditEvent.Kind.values()) {
      assertTrue(k.label().matches("[a-z]+(\\.[a-z_]+)?"), k.label());
    }
    assertEquals("session.revoked", AuditEvent.Kind.SESSION_REVOKED.label());
  }
}
