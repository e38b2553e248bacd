package io.idbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.LogLines;
import io.idbridge.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The filter chain over real HTTP: request ids, error shapes, body limit, caller authentication.
 */
class FilterChainIT {
  static final String SECRET = "s3cret-shared-with-foundry";
  static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "http.maxBodyBytes",
                "2048",
                "voltmx.caller.mode",
                "secret",
                "voltmx.caller.secret",
                SECRET,
                "connectycube.caller.mode",
                "secret",
                "connectycube.caller.secret",
                SECRET,
                "voltmx.caller.secret.field",
                "idbridge_secret",
                "mca.caller.mode",
                "ip",
                "mca.caller.allow",
                "203.0.113.0/24"),
            new FakeClock());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void createsARequestIdWhenNoneIsSentAndPutsItInTheErrorBody() {
    HttpResponse<String> res = server.get("/no/such/path");
    String id = res.headers().firstValue("X-Request-Id").orElseThrow();
    assertEquals(36, id.length(), "a UUID");
    assertEquals(id, Json.parse(res.body()).get("request_id").asText());
  }

  @Test
  void echoesVoltmxAndKonyRequestIds() {
    HttpResponse<String> voltmx = server.get("/nowhere", "X-VoltMX-RequestId", "rid-voltmx-1");
    assertEquals("rid-voltmx-1", voltmx.headers().firstValue("X-VoltMX-RequestId").orElseThrow());
    assertEquals("rid-voltmx-1", voltmx.headers().firstValue("X-Request-Id").orElseThrow());
    HttpResponse<String> kony = server.get("/nowhere", "X-Kony-RequestId", "rid-kony-1");
    assertEquals("rid-kony-1", kony.headers().firstValue("X-Kony-RequestId").orElseThrow());
    assertEquals("rid-kony-1", Json.parse(kony.body()).get("request_id").asText());
  }

  @Test
  void replacesARequestIdThatCouldForgeALogLine() {
    HttpResponse<String> res = server.get("/nowhere", "X-Request-Id", "abc def<script>");
    assertFalse(res.headers().firstValue("X-Request-Id").orElseThrow().contains("<"));
  }

  @Test
  void responsesDoNotAdvertiseTheServerVersion() {
    assertTrue(server.get("/health").headers().firstValue("Server").isEmpty());
  }

  @Test
  void unknownPathIsAJson404NeverAnHtmlPage() {
    HttpResponse<String> res = server.get("/definitely/not/here.html");
    assertEquals(404, res.statusCode());
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals("not_found", Json.parse(res.body()).get("error").asText());
  }

  @Test
  void wrongMethodIsAJson405() {
    HttpResponse<String> res = server.get("/api/login");
    assertEquals(405, res.statusCode());
    assertEquals("method_not_allowed", Json.parse(res.body()).get("error").asText());
    HttpResponse<String> put =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/logout"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")));
    assertEquals(405, put.statusCode());
    assertTrue(put.body().startsWith("{"), put.body());
  }

  @Test
  void errorsAreXmlWhenAcceptPrefersXml() throws Exception {
    HttpResponse<String> res =
        server.get("/nowhere", "Accept", "application/xml", "X-Request-Id", "rid-xml");
    assertEquals(404, res.statusCode());
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/xml"));
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(res.body().getBytes("UTF-8")));
    assertEquals("response", doc.getDocumentElement().getTagName());
    assertEquals("not_found", doc.getElementsByTagName("error").item(0).getTextContent());
    assertEquals("rid-xml", doc.getElementsByTagName("request_id").item(0).getTextContent());
  }

  @Test
  void jsonWinsWhenAcceptPrefersIt() {
    HttpResponse<String> res =
        server.get("/nowhere", "Accept", "application/xml;q=0.5, application/json");
    assertTrue(
        res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String big = "username=" + "a".repeat(4000) + "&password=x";
    HttpResponse<String> res =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
    assertEquals(413, res.statusCode());
    assertEquals("payload_too_large", Json.parse(res.body()).get("error").asText());
    assertEquals(
        "close",
        res.headers().firstValue("Connection").orElse(""),
        "the unread body is not left on the wire");
  }

  @Test
  void malformedJsonIs400() {
    HttpResponse<String> res = server.postJson("/api/login", "{\"username\": ");
    assertEquals(400, res.statusCode());
    JsonNode body = Json.parse(res.body());
    assertEquals("invalid_request", body.get("error").asText());
    assertFalse(res.body().contains("Exception"), "no stack trace or exception name");
  }

  @Test
  void aJsonArrayBodyIs400() {
    assertEquals(400, server.postJson("/api/login", "[1,2]").statusCode());
  }

  @Test
  void badFormEncodingIs400() {
    HttpResponse<String> res =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=%zz&password=x")));
    assertEquals(400, res.statusCode());
  }

  @Test
  void callerSecretMissingIs401AndWrongIs403() {
    HttpResponse<String> missing = server.get("/connectycube/verify?token=x");
    assertEquals(401, missing.statusCode());
    assertEquals(
        "the caller did not authenticate", Json.parse(missing.body()).get("error").asText());
    HttpResponse<String> wrong =
        server.get("/connectycube/verify?token=x", "X-IdBridge-Secret", "not-the-secret-at-all");
    assertEquals(403, wrong.statusCode());
  }

  @Test
  void voltmxsCallerMissingIs403ForFoundryCountsEvery401AsAWrongPassword() {
    HttpResponse<String> missing = server.postForm("/voltmx/login", Map.of("userid", "a"));
    assertEquals(403, missing.statusCode());
    assertEquals(
        "caller_unauthorized", Json.parse(missing.body()).get("backend_error_code").asText());
  }

  @Test
  void theCallerSecretFieldCountsInTheBodyOnlyNeverInTheUrl() {
    HttpResponse<String> inUrl =
        server.postForm("/voltmx/login?idbridge_secret=" + SECRET, Map.of("userid", "a"));
    assertEquals(
        "caller_unauthorized", Json.parse(inUrl.body()).get("backend_error_code").asText());
    HttpResponse<String> inBody =
        server.postForm("/voltmx/login", Map.of("userid", "a", "idbridge_secret", SECRET));
    assertFalse(inBody.statusCode() == 401 || inBody.statusCode() == 403, inBody.body());
  }

  @Test
  void theRightCallerSecretPassesTheFilter() {
    HttpResponse<String> res = server.get("/voltmx/no-such-endpoint", "X-IdBridge-Secret", SECRET);
    assertFalse(res.statusCode() == 401 || res.statusCode() == 403, res.body());
  }

  @Test
  void anAddressOutsideTheAllowListIs403() {
    HttpResponse<String> res = server.get("/mca/apps/x/y/startAuthorization");
    assertEquals(403, res.statusCode());
    assertEquals("caller_forbidden", Json.parse(res.body()).get("error").asText());
  }

  @Test
  void noPasswordOrTokenReachesAnyLogLine() {
    java.util.List<String> lines;
    try (LogLines log = LogLines.capture()) {
      server.postForm("/api/login", Map.of("username", "someone", "password", "hunter2-password"));
      server.get("/api/login?token=tok-in-the-query&password=pw-in-the-query");
      server.postForm(
          "/voltmx/login",
          Map.of("userid", "x", "password", "p"),
          "X-IdBridge-Secret",
          "wrong-secret-value");
      lines = log.lines();
    }
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("/api/login")),
        "the access log was captured: " + lines);
    for (String secret :
        java.util.List.of(
            "hunter2-password",
            "tok-in-the-query",
            "pw-in-the-query",
            "wrong-secret-value",
            SECRET)) {
      assertTrue(
          lines.stream().noneMatch(l -> l.contains(secret)), secret + " leaked into " + lines);
    }
  }

  @Test
  void healthIsUpWithTheDirectoryAndState() {
    HttpResponse<String> res = server.get("/health");
    assertEquals(200, res.statusCode());
    JsonNode body = Json.parse(res.body());
    assertEquals("UP", body.get("status").asText());
    assertEquals("UP", body.get("directory").get("status").asText());
    assertEquals("UP", body.get("state").get("status").asText());
  }

  @Test
  void signingPemIsAnSpkiPublicKey() {
    HttpResponse<String> res = server.get("/keys/signing.pem");
    assertEquals(200, res.statusCode());
    assertTrue(res.body().startsWith("-----BEGIN PUBLIC KEY-----"), res.body());
  }
}
