package io.idbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar as a newcomer runs it: the CLI adds a user, the server starts, logs its URL, and
 * stops on SIGTERM.
 */
class JarIT {
  static final Path JAR = Path.of("target/idbridge.jar");
  static final Pattern LISTENING = Pattern.compile("idbridge listening on (http://\\S+)");
  static final Pattern MANAGEMENT = Pattern.compile("metrics and health on (http://\\S+)");

  @TempDir Path dir;

  Process java(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void theJarAddsAUserServesALoginAndStopsCleanlyOnSigterm() throws Exception {
    Path config = dir.resolve("idbridge.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "server.host=127.0.0.1",
            "server.port=0",
            "management.port=0",
            "keys.dir=" + dir.resolve("keys"),
            "keys.rsaBits=2048",
            "directory.file.path=" + dir.resolve("users.json"),
            "password.argon2.memoryKib=1024",
            "password.argon2.iterations=1",
            ""));

    Process add = java("users", "add", "jane", "--password-stdin", "--config", config.toString());
    add.getOutputStream().write("jane-pass\n".getBytes(StandardCharsets.UTF_8));
    add.getOutputStream().close();
    assertTrue(add.waitFor(60, TimeUnit.SECONDS));
    String addOut = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, add.exitValue(), addOut);

    Process server = java("--config", config.toString());
    try {
      BufferedReader log =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String uri = null;
      String metrics = null;
      StringBuilder seen = new StringBuilder();
      for (String line; (uri == null || metrics == null) && (line = log.readLine()) != null; ) {
        seen.append(line).append('\n');
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          uri = m.group(1);
        }
        Matcher mm = MANAGEMENT.matcher(line);
        if (mm.find()) {
          metrics = mm.group(1);
        }
      }
      assertTrue(uri != null && metrics != null, "no listening lines in:\n" + seen);
      assertTrue(seen.toString().contains("generated"), "the first start says it generated keys");
      HttpResponse<String> res =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(uri).resolve("/api/login"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString("username=jane&password=jane-pass"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, res.statusCode(), res.body());
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(metrics)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertTrue(
          page.body().contains("idbridge_logins_total{contract=\"api\",outcome=\"success\"} 1"),
          page.body());
      assertTrue(
          Files.getPosixFilePermissions(dir.resolve("keys")).stream()
              .noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")),
          "keys are owner-only");

      server.destroy(); // SIGTERM
      assertTrue(server.waitFor(20, TimeUnit.SECONDS), "the server stops on SIGTERM");
      assertEquals(143, server.exitValue(), "exit by SIGTERM, after the shutdown hooks ran");
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void aBadConfigurationStopsStartUpWithOneLineNamingTheKeyAndFile() throws Exception {
    Path config = dir.resolve("bad.properties");
    Files.writeString(config, "server.port=0\nthrottle.ttl=200h\n");
    Process p = java("--config", config.toString());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains(config + ": throttle.ttl: must be between 1s and 7d (200h)"), out);
    assertTrue(!out.contains("at io.idbridge"), "no stack trace: " + out);
  }

  @Test
  void configCheckThroughTheJarExitsZeroOrOneWithALinePerProblem() throws Exception {
    Path good = dir.resolve("good.properties");
    Files.writeString(
        good,
        "keys.dir="
            + dir.resolve("keys")
            + "\ndirectory.file.path="
            + dir.resolve("users.json")
            + "\n");
    Process ok = java("config", "check", "--config", good.toString());
    assertTrue(ok.waitFor(60, TimeUnit.SECONDS));
    String okOut = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, ok.exitValue(), okOut);
    assertTrue(okOut.contains("server.port=8080"), okOut);
    assertTrue(!Files.exists(dir.resolve("keys")), "a check writes no key");

    Path bad = dir.resolve("bad.properties");
    Files.writeString(
        bad, "directory.file.path=" + dir.resolve("users.json") + "\nserver.prot=1\n");
    Process refused = java("config", "check", "--config", bad.toString());
    assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
    String out = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, refused.exitValue(), out);
    assertEquals(
        List.of(
            "error: "
                + bad
                + ": server.prot: unknown key (see conf/idbridge.properties for the keys there are)"),
        out.lines().filter(l -> l.startsWith("error: ")).toList());
  }
}
