package io.idbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.LogLines;
import io.idbridge.testing.RawHttp;
import io.idbridge.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge over raw sockets: requests that {@code java.net.http} will not send (odd methods,
 * broken or stalled bodies, doubled slashes, repeated headers, oversized lines) each get the
 * contract's error with the request id, and never a 500 or a stack trace.
 */
class HttpEdgeIT {
  static final String PASSWORD = "correct horse";
  static TestServer server;
  static URI base;

  /** Every endpoint of the route table, with a path that reaches its servlet. */
  static final List<String> ENDPOINTS =
      List.of(
          "/api/login",
          "/api/logout",
          "/api/login/mfa",
          "/api/mfa/verify",
          "/api/mfa/enroll",
          "/api/mfa/confirm",
          "/voltmx/login",
          "/voltmx/logout",
          "/voltmx/mfa/validate",
          "/voltmx/user-attributes",
          "/voltmx/security-attributes",
          "/mca/apps/t1/idbridge/startAuthorization",
          "/mca/apps/t1/idbridge/handleChallengeAnswer",
          "/connectycube/verify",
          "/appid/assertion",
          "/appid/token",
          "/.well-known/jwks.json",
          "/keys/signing.pem",
          "/health");

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of("http.bodyTimeout", "1s", "http.trustedProxies", "127.0.0.1"), new FakeClock());
    server.addUser("alice", PASSWORD, Map.of());
    server.addUser("jürgen", "pässwört-über", Map.of());
    base = server.uri("/");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static RawHttp.Response raw(String request) {
    return RawHttp.exchange(base, request);
  }

  static String form(String method, String path, String body, String... headers) {
    return request(method, path, "application/x-www-form-urlencoded", body, headers);
  }

  static String request(String method, String path, String type, String body, String... headers) {
    return method
        + " "
        + path
        + " HTTP/1.1\nHost: x\nConnection: close\n"
        + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\n").toList())
        + "Content-Type: "
        + type
        + "\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\n\n"
        + body;
  }

  /** The request id wherever the contract's shape puts it. */
  static String requestIdIn(JsonNode body) {
    for (String field : List.of("request_id", "requestid", "requestId")) {
      if (body.has(field)) {
        return body.get(field).asText();
      }
    }
    return null;
  }

  @Test
  void unknownAndLowerCaseMethodsAre405WithAllowOnEveryEndpoint() {
    for (String path : ENDPOINTS) {
      for (String method : List.of("PATCH", "FOO", "get", "TRACE")) {
        RawHttp.Response res =
            raw(
                method
                    + " "
                    + path
                    + " HTTP/1.1\nHost: x\nConnection: close\nX-Request-Id: rid-m\n"
                    + "Authorization: Bearer secret-bearer-value\n\n");
        String where = method + " " + path + ": " + res;
        boolean inBody = path.startsWith("/voltmx/") && path.endsWith("-attributes");
        assertEquals(inBody ? 200 : 405, res.status(), where);
        if (inBody) {
          assertEquals(405, res.json().get("httpStatusCode").asInt(), where);
        }
        assertNotNull(res.header("Allow"), where);
        assertFalse(res.header("Allow").contains("TRACE"), where);
        assertEquals("rid-m", requestIdIn(res.json()), where);
        assertFalse(res.body().contains("secret-bearer-value"), "TRACE echoes nothing: " + where);
      }
    }
  }

  @Test
  void optionsAnswersTheAllowedMethods() {
    RawHttp.Response res =
        raw("OPTIONS /connectycube/verify HTTP/1.1\nHost: x\nConnection: close\n\n");
    assertEquals(204, res.status());
    assertEquals("GET, POST, HEAD, OPTIONS", res.header("Allow"));
  }

  @Test
  void aBadChunkSizeIs400InTheContractsShapeWithOneLogLineAndNoStack() {
    try (LogLines log = LogLines.capture()) {
      RawHttp.Response res =
          raw(
              "POST /voltmx/login HTTP/1.1\nHost: x\nConnection: close\nX-VoltMX-RequestId: rid-chunk\n"
                  + "Transfer-Encoding: chunked\n\nZZ\nuserid=a\n0\n\n");
      assertEquals(400, res.status(), res.toString());
      assertEquals("rid-chunk", res.json().get("requestid").asText());
      assertEquals("rid-chunk", res.header("X-VoltMX-RequestId"));
      assertEquals(400, res.json().get("httpStatusCode").asInt());
      assertNoStackTraces(log);
      assertEquals(
          1,
          log.lines().stream()
              .filter(l -> l.contains("rid-chunk body") || l.contains("rid-chunk request body"))
              .count(),
          log.lines().toString());
    }
  }

  @Test
  void aBodyShorterThanItsLengthIs400() {
    try (LogLines log = LogLines.capture();
        RawHttp http = RawHttp.connect(base)) {
      http.send(
              "POST /api/login HTTP/1.1\nHost: x\nX-Request-Id: rid-short\n"
                  + "Content-Type: application/x-www-form-urlencoded\nContent-Length: 100\n\nusername=alice")
          .endOutput();
      RawHttp.Response res = http.response();
      assertEquals(400, res.status(), res.toString());
      assertEquals("invalid_request", res.json().get("error").asText());
      assertEquals("rid-short", res.json().get("request_id").asText());
      assertNoStackTraces(log);
    }
  }

  @Test
  void aStalledBodyIs408InTheContractsShape() {
    try (LogLines log = LogLines.capture()) {
      RawHttp.Response api =
          stalled("/api/login", "application/x-www-form-urlencoded", "username=");
      assertEquals(408, api.status(), api.toString());
      assertEquals("request_timeout", api.json().get("error").asText());
      assertEquals("rid-slow", api.json().get("request_id").asText());
      assertEquals("close", api.header("Connection"));
      // Every answer to MCA is HTTP 200, the failure in the body (issue 9.8).
      RawHttp.Response mca =
          stalled("/mca/apps/t1/idbridge/startAuthorization", "application/json", "{\"headers\":");
      assertEquals(200, mca.status(), mca.toString());
      assertEquals("failure", mca.json().get("status").asText());
      assertEquals("request_timeout", mca.json().get("error").asText());
      assertEquals("rid-slow", mca.json().get("requestId").asText());
      assertNoStackTraces(log);
    }
  }

  /** Half a body, then nothing: the server's bodyTimeout (1s here) ends the wait. */
  static RawHttp.Response stalled(String path, String type, String half) {
    try (RawHttp http = RawHttp.connect(base)) {
      return http.send(
              "POST "
                  + path
                  + " HTTP/1.1\nHost: x\nX-Request-Id: rid-slow\nContent-Type: "
                  + type
                  + "\nContent-Length: 40\n\n"
                  + half)
          .response();
    }
  }

  @Test
  void slowBodiesHoldNoThreadOthersNeed() throws Exception {
    // More stalled bodies than Jetty has threads (200): read blocking, they would leave none for
    // /health until their reads ended.
    try (TestServer patient = TestServer.start(Map.of("http.bodyTimeout", "5m"), new FakeClock())) {
      List<RawHttp> stalled = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 220; i++) {
          stalled.add(
              RawHttp.connect(patient.uri("/"))
                  .send(
                      "POST /api/login HTTP/1.1\nHost: x\nContent-Type: application/x-www-form-urlencoded\n"
                          + "Content-Length: 50\n\nusername=al"));
        }
        assertEquals(200, patient.get("/health").statusCode());
        assertEquals(
            401,
            patient
                .postForm("/api/login", Map.of("username", "nobody", "password", "x"))
                .statusCode());
      } finally {
        stalled.forEach(RawHttp::close);
      }
    }
  }

  @Test
  void severalForwardedForLinesAreReadAsOneListFromTheRight() {
    // The client writes its own line; the trusted proxy (127.0.0.1) appends the address it saw.
    // Whatever the client writes, its failures count against the address the proxy saw.
    int status = 0;
    for (int i = 0; i < 6; i++) {
      status =
          raw(form(
                  "POST",
                  "/api/login",
                  "username=nobody" + i + "&password=wrong",
                  "X-Forwarded-For: 198.51.100." + i,
                  "X-Forwarded-For: 203.0.113.77"))
              .status();
    }
    assertEquals(429, status, "the 6th failure from 203.0.113.77 is past the address threshold");
  }

  @Test
  void aDoubledSlashIsServedLikeTheSingleOne() {
    RawHttp.Response login =
        raw(
            form(
                "POST",
                "/voltmx//login",
                "userid=alice&password=correct+horse",
                "X-VoltMX-RequestId: rid-ds"));
    assertEquals(200, login.status(), login.toString());
    assertTrue(login.json().at("/security_attributes/session_token").isTextual(), login.body());
    assertEquals("rid-ds", login.header("X-VoltMX-RequestId"));
    RawHttp.Response mca =
        raw(
            request(
                "POST",
                "/mca//apps/t1/idbridge/startAuthorization",
                "application/json",
                "{\"headers\":{}}"));
    assertEquals(200, mca.status(), mca.toString());
    assertEquals("challenge", mca.json().get("status").asText());
  }

  @Test
  void aFormIsDecodedInTheCharsetItsTypeNames() {
    byte[] latin1 =
        "username=j%FCrgen&password=p%E4ssw%F6rt-%FCber".getBytes(StandardCharsets.ISO_8859_1);
    try (RawHttp http = RawHttp.connect(base)) {
      http.send(
              "POST /api/login HTTP/1.1\nHost: x\nConnection: close\n"
                  + "Content-Type: application/x-www-form-urlencoded; charset=ISO-8859-1\n"
                  + "Content-Length: "
                  + latin1.length
                  + "\n\n")
          .sendBytes(latin1);
      RawHttp.Response res = http.response();
      assertEquals(200, res.status(), res.toString());
      assertEquals("jürgen", res.json().at("/user/username").asText());
    }
  }

  @Test
  void aFormWithoutACharsetIsUtf8() {
    RawHttp.Response res =
        raw(
            form(
                "POST",
                "/api/login",
                "username=j%C3%BCrgen&password=p%C3%A4ssw%C3%B6rt-%C3%BCber"));
    assertEquals(200, res.status(), res.toString());
  }

  @Test
  void aCharsetNoOneKnowsIs415() {
    RawHttp.Response res =
        raw(
            request(
                "POST",
                "/api/login",
                "application/x-www-form-urlencoded; charset=klingon",
                "username=alice&password=x"));
    assertEquals(415, res.status(), res.toString());
    assertEquals("unsupported_media_type", res.json().get("error").asText());
  }

  @Test
  void aPasswordInTheQueryStringNeverLogsIn() {
    RawHttp.Response res = raw(form("POST", "/api/login?password=correct+horse", "username=alice"));
    assertEquals(400, res.status(), res.toString());
    assertTrue(res.json().get("message").asText().contains("request body"), res.body());
    assertFalse(res.body().contains("token\""), res.body());
  }

  @Test
  void everyAnswerSaysNosniff() {
    for (String request :
        List.of(
            "GET /health HTTP/1.1\nHost: x\nConnection: close\n\n",
            "GET /nowhere HTTP/1.1\nHost: x\nConnection: close\n\n",
            "PATCH /api/login HTTP/1.1\nHost: x\nConnection: close\n\n",
            "GET /health HTTP/7.1\nHost: x\nConnection: close\n\n",
            "GET /voltmx/%2e%2e/health HTTP/1.1\nHost: x\nConnection: close\n\n")) {
      assertEquals("nosniff", raw(request).header("X-Content-Type-Options"), request);
    }
    RawHttp.Response logout = raw(form("POST", "/voltmx/logout", "session_token=x"));
    assertEquals("nosniff", logout.header("X-Content-Type-Options"), logout.toString());
  }

  @Test
  void anOversizedUrlOnAVoltmxAttributeEndpointKeepsItsHttp200Shape() {
    RawHttp.Response res =
        raw(
            "GET /voltmx/user-attributes?session_token="
                + "t".repeat(9000)
                + " HTTP/1.1\nHost: x\nConnection: close\nX-VoltMX-RequestId: rid-414\n\n");
    assertEquals(200, res.status(), res.toString());
    assertEquals(414, res.json().at("/user_attributes/httpStatusCode").asInt(), res.body());
    assertEquals("rid-414", res.json().get("requestid").asText());
    assertEquals("rid-414", res.header("X-VoltMX-RequestId"));
  }

  @Test
  void anOversizedHeaderIs431InTheContractsShapeWithTheRequestId() {
    RawHttp.Response res =
        raw(
            form(
                "POST",
                "/voltmx/login",
                "userid=alice&password=x",
                "X-VoltMX-RequestId: rid-431",
                "X-VoltMX-Authorization: " + "a".repeat(9000)));
    assertEquals(431, res.status(), res.toString());
    assertEquals("rid-431", res.json().get("requestid").asText());
    assertEquals("header_too_large", res.json().at("/details/errcode").asText());
    assertEquals("rid-431", res.header("X-VoltMX-RequestId"));
  }

  @Test
  void whatJettyRefusesBeforeOurFiltersStillCarriesARequestIdAndIsLogged() {
    try (LogLines log = LogLines.capture()) {
      for (String request :
          List.of(
              "GET /health HTTP/7.1\nHost: x\nConnection: close\n\n",
              "GET /voltmx/login HTTP/1.1\nHost: x\nBad Header: y\nConnection: close\n\n",
              "GET /voltmx/%2e%2e/api/login HTTP/1.1\nHost: x\nConnection: close\n\n",
              "GET /api%2flogin HTTP/1.1\nHost: x\nConnection: close\n\n")) {
        RawHttp.Response res = raw(request);
        assertTrue(res.status() == 400 || res.status() == 505, request + res);
        assertTrue(res.header("Content-Type").startsWith("application/json"), request + res);
        assertEquals(res.header("X-Request-Id"), requestIdIn(res.json()), request + res);
        assertTrue(
            log.lines().stream()
                .anyMatch(
                    l ->
                        l.startsWith("io.idbridge.access " + res.header("X-Request-Id"))
                            && l.contains(" " + res.status() + " ")),
            "the access log records " + res.status() + ": " + log.lines());
      }
    }
  }

  @Test
  void aBadHeaderOnAVoltmxPathIsAnsweredInVoltmxsShape() {
    RawHttp.Response res =
        raw("POST /voltmx/login HTTP/1.1\nHost: x\nBad Header: y\nConnection: close\n\n");
    assertEquals(400, res.status());
    assertEquals("custom", res.json().get("domain").asText(), res.body());
  }

  static void assertNoStackTraces(LogLines log) {
    assertTrue(
        log.records().stream()
            .noneMatch(r -> r.getThrown() != null || r.getLevel() == Level.SEVERE),
        log.lines().toString());
  }
}
