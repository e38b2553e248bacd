package io.idbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.directory.FileUserDirectory;
import io.idbridge.directory.HashedPasswordCheck;
import io.idbridge.directory.User;
import io.idbridge.password.PasswordConfig;
import io.idbridge.password.PasswordHashes;
import io.idbridge.testing.Json;
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
