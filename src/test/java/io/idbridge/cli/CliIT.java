package io.idbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.testing.FakeClock;
import io.idbridge.testing.Json;
import io.idbridge.testing.SharedKeys;
import io.idbridge.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLI writing the users file of a running server, which then accepts the user. */
class CliIT {
  static TestServer server;
  static Path config;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of(), new FakeClock(java.time.Instant.now()));
    config = server.dir().resolve("idbridge.properties");
    Files.writeString(
        config,
        "directory.file.path="
            + server.config().directory().filePath()
            + "\n"
            + "keys.dir="
            + SharedKeys.dir()
            + "\npassword.argon2.memoryKib=64\npassword.argon2.iterations=1\n");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Run(int code, String out, String err) {}

  static Run cli(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config.toString());
    int code =
        new Cli(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out),
                new PrintStream(err),
                Map.of())
            .run(all);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aUserAddedByTheCliLogsInToTheRunningServer() {
    Run add =
        cli(
            "s3cret pass\n",
            "users",
            "add",
            "frank",
            "--display-name",
            "Frank N",
            "--email",
            "f@x.org",
            "--attr",
            "role=ops",
            "--password-stdin");
    assertEquals(0, add.code(), add.err());
    var res = server.postForm("/api/login", Map.of("username", "frank", "password", "s3cret pass"));
    assertEquals(200, res.statusCode(), res.body());
    assertEquals("Frank N", Json.parse(res.body()).get("user").get("display_name").asText());
  }

  @Test
  void passwdDisableAndEnableTakeEffectOnTheRunningServer() {
    assertEquals(0, cli("one\n", "users", "add", "gina", "--password-stdin").code());
    assertEquals(0, cli("two\n", "users", "passwd", "gina", "--password-stdin").code());
    assertEquals(
        401,
        server.postForm("/api/login", Map.of("username", "gina", "password", "one")).statusCode());
    assertEquals(
        200,
        server.postForm("/api/login", Map.of("username", "gina", "password", "two")).statusCode());
    assertEquals(0, cli("", "users", "disable", "gina").code());
    assertEquals(
        401,
        server.postForm("/api/login", Map.of("username", "gina", "password", "two")).statusCode());
    assertEquals(0, cli("", "users", "enable", "gina").code());
    assertEquals(
        200,
        server.postForm("/api/login", Map.of("username", "gina", "password", "two")).statusCode());
    assertTrue(cli("", "users", "list").out().contains("gina"));
  }

  @Test
  void errorsAreOneLineAndANonZeroExit() {
    Run dup1 = cli("pw\n", "users", "add", "hank", "--password-stdin");
    assertEquals(0, dup1.code());
    Run dup = cli("pw\n", "users", "add", "hank", "--password-stdin");
    assertEquals(1, dup.code());
    assertTrue(dup.err().startsWith("error: a user named hank exists already"), dup.err());
    Run noPassword = cli("", "users", "add", "ivy");
    assertEquals(2, noPassword.code());
    assertTrue(noPassword.err().contains("--password-stdin"));
    Run unknown = cli("", "users", "passwd", "nobody", "--password-stdin");
    assertTrue(unknown.code() != 0);
    Run typo = cli("", "users", "list", "--emial", "x");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("unknown option --emial"));
  }

  @Test
  void hashPrintsAnArgon2idHash() {
    Run hash = cli("pw\n", "hash", "--password-stdin");
    assertEquals(0, hash.code());
    assertTrue(hash.out().startsWith("$argon2id$v=19$m=64,t=1,p=1$"), hash.out());
  }

  @Test
  void keysListAndExportShowTheSigningKeys() {
    Run list = cli("", "keys", "list");
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains("ES256") && list.out().contains("RS256"), list.out());
    Run pem = cli("", "keys", "export", "--pem");
    assertTrue(pem.out().startsWith("-----BEGIN PUBLIC KEY-----"), pem.out());
    assertEquals(server.get("/keys/signing.pem").body().strip(), pem.out().strip());
  }

  @Test
  void aKeyGeneratedByTheCliSignsInTheRunningServerWhileOlderTokensStillVerify() {
    assertEquals(0, cli("pw\n", "users", "add", "rota", "--password-stdin").code());
    String before = token("rota", "pw");
    Run generate = cli("", "keys", "generate", "--alg", "es256");
    assertEquals(0, generate.code(), generate.err());
    String after = token("rota", "pw");
    String newKid = kid(after);
    assertTrue(
        generate.out().contains(newKid),
        "the new token is signed with the new key: " + generate.out());
    assertTrue(!newKid.equals(kid(before)));
    assertTrue(server.get("/.well-known/jwks.json").body().contains(newKid));
    var out = server.postForm("/api/logout", Map.of(), "Authorization", "Bearer " + before);
    assertEquals(200, out.statusCode(), "a token of the older key still verifies: " + out.body());
  }

  private static String token(String user, String password) {
    var res = server.postForm("/api/login", Map.of("username", user, "password", password));
    assertEquals(200, res.statusCode(), res.body());
    return Json.parse(res.body()).get("token").asText();
  }

  private static String kid(String jws) {
    byte[] header = java.util.Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.')));
    return Json.parse(new String(header, StandardCharsets.UTF_8)).get("kid").asText();
  }
}
