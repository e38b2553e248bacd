package io.idbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.testing.FakeClock;
import io.idbridge.testing.SharedKeys;
import io.idbridge.testing.TestCertificates;
import io.idbridge.testing.TestKeys;
import io.idbridge.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config check} through the CLI's entry point: a good file, a bad key, directories that are
 * down, TLS material; and the same masked configuration in the server's start-up log.
 */
class ConfigCheckIT {
  static final String SECRET = "caller-secret-0123456789";

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  Path file(String... lines) throws Exception {
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "keys.dir=" + SharedKeys.dir(),
                "directory.file.path=" + dir.resolve("users.json"),
                "voltmx.caller.mode=secret",
                "voltmx.caller.secret=" + SECRET));
    all.addAll(List.of(lines));
    return Files.write(dir.resolve("idbridge.properties"), all);
  }

  static Run check(Path config) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Cli(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of())
            .run(List.of("config", "check", "--config", config.toString()));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The problems: lines of the report that start with {@code error:}. */
  static List<String> errors(Run run) {
    return run.out().lines().filter(l -> l.startsWith("error: ")).toList();
  }

  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aGoodFilePrintsTheEffectiveConfigurationMaskedAndExitsZero() throws Exception {
    Run run =
        check(file("directory.jdbc.url=jdbc:postgresql://db/users?user=u&password=pw-in-url"));
    assertEquals(0, run.code(), run.out());
    assertEquals(List.of(), errors(run), run.out());
    assertTrue(run.out().contains("\nthrottle.threshold=5\n"), "defaults shown: " + run.out());
    assertTrue(run.out().contains("\nvoltmx.caller.secret=****\n"), run.out());
    assertTrue(
        run.out().contains("directory.jdbc.url=jdbc:postgresql://db/users?user=u&password=****"),
        run.out());
    assertFalse(run.out().contains(SECRET) || run.out().contains("pw-in-url"), run.out());
    assertTrue(run.out().contains("ok: directory (file) answers"), run.out());
    assertTrue(run.out().contains("ok: state store (memory) answers"), run.out());
    assertTrue(run.out().contains("ok: ES256 signing key in"), run.out());
  }

  @Test
  void aBadKeyIsOneLineAndExitOne() throws Exception {
    Path config = file("throttle.treshold=5", "throttle.ttl=200h");
    Run run = check(config);
    assertEquals(1, run.code());
    assertEquals(
        List.of(
            "error: "
                + config
                + ": throttle.treshold: unknown key (see conf/idbridge.properties for the keys there are)",
            "error: " + config + ": throttle.ttl: must be between 1s and 7d (200h)"),
        errors(run));
  }

  @Test
  void aJdbcDirectoryOnAClosedPortIsAProblem() throws Exception {
    Run run =
        check(
            file(
                "directory.type=jdbc",
                "directory.jdbc.url=jdbc:postgresql://127.0.0.1:" + closedPort() + "/users",
                "directory.jdbc.connectTimeout=1s",
                "directory.jdbc.userByName=SELECT * FROM users WHERE name = ?",
                "directory.jdbc.userById=SELECT * FROM users WHERE id = ?"));
    assertEquals(1, run.code(), run.out());
    List<String> errors = errors(run);
    assertEquals(1, errors.size(), run.out());
    assertTrue(
        errors.get(0).contains("directory.jdbc: the user database did not answer"), errors.get(0));
    assertTrue(run.out().contains("ok: state store (memory) answers"), run.out());
  }

  @Test
  void anLdapDirectoryThatIsDownIsAProblem() throws Exception {
    Run run =
        check(
            file(
                "directory.type=ldap",
                "directory.ldap.url=ldap://127.0.0.1:" + closedPort(),
                "directory.ldap.connectTimeout=1s",
                "directory.ldap.userDnTemplate=uid={0},ou=people,dc=example,dc=org"));
    assertEquals(1, run.code(), run.out());
    assertEquals(1, errors(run).size(), run.out());
    assertTrue(
        errors(run)
            .get(0)
            .startsWith(
                "error: " + dir.resolve("idbridge.properties") + ": directory.ldap: LDAP server"),
        run.out());
  }

  @Test
  void tlsMaterialIsReadAndCheckedToo() throws Exception {
    TestCertificates ca = new TestCertificates();
    ca.writeCertbotFiles(dir, TestKeys.EC, ca.issue(TestKeys.EC));
    Files.writeString(
        dir.resolve("other.pem"),
        TestCertificates.pem("PRIVATE KEY", TestKeys.EC_OTHER.getPrivate().getEncoded()));
    Run good =
        check(
            file(
                "server.tls.certificate=" + dir.resolve("fullchain.pem"),
                "server.tls.key=" + dir.resolve("privkey.pem")));
    assertEquals(0, good.code(), good.out());
    assertTrue(good.out().contains("ok: TLS certificate CN=localhost"), good.out());
    Run wrongKey =
        check(
            file(
                "server.tls.certificate=" + dir.resolve("fullchain.pem"),
                "server.tls.key=" + dir.resolve("other.pem")));
    assertEquals(1, wrongKey.code());
    assertTrue(
        errors(wrongKey).get(0).contains("server.tls.key: the private key is not the one"),
        wrongKey.out());
  }

  @Test
  void theServerLogsTheSameMaskedConfigurationOnceAtStartUp() {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            lines.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try (TestServer server =
        TestServer.start(
            Map.of("voltmx.caller.mode", "secret", "voltmx.caller.secret", SECRET),
            new FakeClock(Instant.now()))) {
      List<String> effective = lines.stream().filter(l -> l.contains("in effect")).toList();
      assertEquals(1, effective.size(), "once: " + lines);
      assertTrue(effective.get(0).contains("\nvoltmx.caller.secret=****\n"), effective.get(0));
      assertTrue(lines.stream().noneMatch(l -> l.contains(SECRET)), "no secret in " + lines);
    } finally {
      root.removeHandler(capture);
    }
  }
}
