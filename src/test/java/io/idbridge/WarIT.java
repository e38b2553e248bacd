package io.idbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.directory.FileUserDirectory;
import io.idbridge.directory.HashedPasswordCheck;
import io.idbridge.directory.User;
import io.idbridge.password.PasswordConfig;
import io.idbridge.password.PasswordHashes;
import io.idbridge.testing.Json;
import io.idbridge.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built WAR deployed into Tomcat (a second container kind) behaves like the runnable jar. */
class WarIT {
  static final Path WAR = Path.of("target/idbridge.war");
  final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The HTTP edge is our code, not the container's: the same answers in Tomcat as in Jetty. */
  static void edgeCases(URI base) {
    RawHttp.Response patch =
        RawHttp.exchange(
            base, "PATCH /idbridge/api/login HTTP/1.1\nHost: x\nConnection: close\n\n");
    assertEquals(405, patch.status(), patch.toString());
    assertEquals("POST, OPTIONS", patch.header("Allow"));
    assertEquals("method_not_allowed", patch.json().get("error").asText());
    assertEquals("nosniff", patch.header("X-Content-Type-Options"));

    RawHttp.Response trace =
        RawHttp.exchange(
            base,
            "TRACE /idbridge/api/login HTTP/1.1\nHost: x\nAuthorization: Bearer tr4ce\nConnection: close\n\n");
    assertEquals(405, trace.status(), trace.toString());
    assertFalse(trace.body().contains("tr4ce"), trace.body());

    try (RawHttp http = RawHttp.connect(base)) {
      http.send(
          "POST /idbridge/voltmx/login HTTP/1.1\nHost: x\nX-VoltMX-RequestId: rid-war-slow\n"
              + "Content-Type: application/x-www-form-urlencoded\nContent-Length: 50\n\nuserid=tom");
      RawHttp.Response slow = http.response();
      assertEquals(408, slow.status(), slow.toString());
      assertEquals("rid-war-slow", slow.json().get("requestid").asText());
    }

    String body = "userid=tom&password=tom-pass";
    RawHttp.Response doubled =
        RawHttp.exchange(
            base,
            "POST /idbridge/voltmx//login HTTP/1.1\nHost: x\nConnection: close\n"
                + "Content-Type: application/x-www-form-urlencoded\nContent-Length: "
                + body.length()
                + "\n\n"
                + body);
    assertEquals(200, doubled.status(), doubled.toString());
  }

  @Test
  void theWarInTomcatFindsItsConfigurationLogsInAndAnswersErrorsInJson() throws Exception {
    Path users = dir.resolve("users.json");
    PasswordConfig cheap = new PasswordConfig(64, 1, 1, 2);
    new FileUserDirectory(users, new HashedPasswordCheck(new PasswordHashes(cheap)))
        .add(
            User.of(
                "id-tom", "tom", new PasswordHashes(cheap).hash("tom-pass"), "Tom", "", Map.of()));
    Path config = dir.resolve("idbridge.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "keys.dir=" + dir.resolve("keys"),
            "keys.rsaBits=2048",
            "directory.file.path=" + users,
            "password.argon2.memoryKib=64",
            "password.argon2.iterations=1",
            "http.bodyTimeout=1s",
            // so that a forwarded address stands for a client beyond this host
            "http.trustedProxies=127.0.0.1",
            ""));

    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(dir.resolve("tomcat").toString());
    Files.createDirectories(dir.resolve("tomcat/webapps"));
    tomcat.setPort(0);
    tomcat.getConnector();
    // Only our web.xml, as a WAR in a plain Tomcat would have (no JSP servlet from Tomcat's
    // defaults).
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Context context = tomcat.addWebapp("/idbridge", WAR.toAbsolutePath().toString());
    context.addParameter("idbridge.config", config.toString());
    tomcat.start();
    try {
      URI base =
          URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/idbridge/");
      HttpResponse<String> login =
          send(
              HttpRequest.newBuilder(base.resolve("api/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("username=tom&password=tom-pass")));
      assertEquals(200, login.statusCode(), login.body());
      assertEquals("id-tom", Json.parse(login.body()).get("user").get("id").asText());

      HttpResponse<String> missing = send(HttpRequest.newBuilder(base.resolve("nothing/here")));
      assertEquals(404, missing.statusCode());
      assertEquals("not_found", Json.parse(missing.body()).get("error").asText());

      HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(base.resolve("api/login")));
      assertEquals(405, wrongMethod.statusCode());
      assertEquals("method_not_allowed", Json.parse(wrongMethod.body()).get("error").asText());

      edgeCases(base);

      HttpResponse<String> health = send(HttpRequest.newBuilder(base.resolve("health")));
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(
          Files.exists(dir.resolve("keys")),
          "keys generated where the context parameter's file says");

      // No management port in a container: the context path, to management.allow (loopback) only.
      HttpResponse<String> metrics = send(HttpRequest.newBuilder(base.resolve("metrics")));
      assertEquals(200, metrics.statusCode(), metrics.body());
      assertTrue(metrics.body().contains("idbridge_http_requests_total"), metrics.body());
      assertEquals(200, send(HttpRequest.newBuilder(base.resolve("health/ready"))).statusCode());
      HttpResponse<String> remote =
          send(
              HttpRequest.newBuilder(base.resolve("metrics"))
                  .header("X-Forwarded-For", "203.0.113.7"));
      assertEquals(
          404, remote.statusCode(), "a client beyond the proxy is not in management.allow");
      assertEquals("not_found", Json.parse(remote.body()).get("error").asText());
    } finally {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
