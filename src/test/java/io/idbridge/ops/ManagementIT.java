package io.idbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.PrometheusText;
import io.idbridge.testing.PrometheusText.Sample;
import io.idbridge.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The management port over real HTTP: metrics and health there, and nowhere else. */
class ManagementIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    PrometheusText.require(ManagementIT.class);
    server = TestServer.start(Map.of(), new FakeClock());
    server.addUser("mona", "mona-pass", Map.of());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static List<Sample> scrape() {
    HttpResponse<String> res = server.getManagement("/metrics");
    assertEquals(200, res.statusCode(), res.body());
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"),
        "the text format's media type");
    return PrometheusText.parse(res.body());
  }

  @Test
  void metricsAndProbesAreNotServedOnTheContractPort() {
    for (String path : List.of("/metrics", "/health/live", "/health/ready")) {
      HttpResponse<String> res = server.get(path);
      assertEquals(404, res.statusCode(), path);
      assertEquals("not_found", Json.parse(res.body()).get("error").asText(), res.body());
    }
  }

  @Test
  void theManagementPortServesNothingButManagement() {
    assertEquals(404, server.getManagement("/api/login").statusCode());
    assertEquals(404, server.getManagement("/.well-known/jwks.json").statusCode());
  }

  @Test
  void healthIsServedOnBothPortsAsBefore() {
    assertEquals(200, server.get("/health").statusCode());
    assertEquals(200, server.getManagement("/health").statusCode());
  }

  @Test
  void livenessSaysTheProcessAnswers() {
    HttpResponse<String> res = server.getManagement("/health/live");
    assertEquals(200, res.statusCode());
    assertEquals("UP", Json.parse(res.body()).get("status").asText());
  }

  @Test
  void readinessChecksTheDirectoryTheStateStoreAndTheKeys() {
    HttpResponse<String> res = server.getManagement("/health/ready");
    assertEquals(200, res.statusCode(), res.body());
    JsonNode body = Json.parse(res.body());
    assertEquals("UP", body.get("status").asText());
    for (String check : List.of("directory", "state", "keys")) {
      assertEquals("UP", body.get(check).get("status").asText(), check);
    }
  }

  @Test
  void aLoginMovesTheRequestHashDirectoryAndStateMetrics() {
    List<Sample> before = scrape();
    HttpResponse<String> login =
        server.postForm("/api/login", Map.of("username", "mona", "password", "mona-pass"));
    assertEquals(200, login.statusCode(), login.body());
    List<Sample> after = scrape();

    assertCountedSoon(before, Map.of("route", "/api/login", "status", "2xx"));
    assertMoved(
        before, after, "idbridge_password_hash_seconds_count", Map.of("algorithm", "argon2id"));
    assertMoved(before, after, "idbridge_password_hash_permit_wait_seconds_count", Map.of());
    assertMoved(
        before,
        after,
        "idbridge_directory_call_seconds_count",
        Map.of("operation", "authenticate"));
    assertMoved(before, after, "idbridge_state_call_seconds_count", Map.of());
    assertMoved(
        before, after, "idbridge_logins_total", Map.of("contract", "api", "outcome", "success"));
  }

  @Test
  void aWrongPasswordAndALogoutAreCountedByContractAndOutcome() {
    List<Sample> before = scrape();
    assertEquals(
        401,
        server
            .postForm("/api/login", Map.of("username", "mona", "password", "wrong"))
            .statusCode());
    String token =
        Json.parse(
                server
                    .postForm("/api/login", Map.of("username", "mona", "password", "mona-pass"))
                    .body())
            .get("token")
            .asText();
    assertEquals(
        200,
        server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + token).statusCode());
    assertEquals(
        401,
        server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + token).statusCode());
    List<Sample> after = scrape();
    assertMoved(
        before,
        after,
        "idbridge_logins_total",
        Map.of("contract", "api", "outcome", "invalid_credentials"));
    assertMoved(
        before,
        after,
        "idbridge_token_verifications_total",
        Map.of("contract", "api", "outcome", "valid"));
    assertMoved(
        before,
        after,
        "idbridge_token_verifications_total",
        Map.of("contract", "api", "outcome", "revoked"));
  }

  @Test
  void aClientErrorIsCountedInItsStatusClass() {
    List<Sample> before = scrape();
    assertEquals(404, server.get("/no/such/path").statusCode());
    assertCountedSoon(before, Map.of("route", "/", "status", "4xx"));
  }

  @Test
  void theJvmIsDescribed() {
    List<Sample> page = scrape();
    for (String name :
        List.of(
            "jvm_memory_used_bytes", "jvm_threads_current", "jvm_gc_collection_seconds_count")) {
      assertTrue(page.stream().anyMatch(s -> s.name().equals(name)), name + " on the page");
    }
  }

  /**
   * A request is counted once its answer is sent, so the client may read the page a moment before:
   * a few more scrapes, each a round trip, give the filter its moment (bounded, and no sleep).
   */
  static void assertCountedSoon(List<Sample> before, Map<String, String> labels) {
    String name = "idbridge_http_requests_total";
    double was = PrometheusText.value(before, name, labels);
    for (int i = 0; i < 20 && PrometheusText.value(scrape(), name, labels) <= was; i++) {
      Thread.onSpinWait();
    }
    assertMoved(before, scrape(), name, labels);
  }

  static void assertMoved(
      List<Sample> before, List<Sample> after, String name, Map<String, String> labels) {
    double was = PrometheusText.value(before, name, labels);
    double is = PrometheusText.value(after, name, labels);
    assertTrue(is > was, name + labels + " moved: " + was + " -> " + is);
  }
}
