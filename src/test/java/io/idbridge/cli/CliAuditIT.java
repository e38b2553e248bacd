package io.idbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.testing.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI changes is an audit event each, with the CLI as its contract and no secret. */
class CliAuditIT {
  static final String PASSWORD = "cli-audit-pass-1";
  static final String NEW_PASSWORD = "cli-audit-pass-2";

  @TempDir Path dir;

  String cli(String stdin, String... args) throws Exception {
    Path config = dir.resolve("idbridge.properties");
    if (!Files.exists(config)) {
      Files.writeString(
          config,
          String.join(
              "\n",
              "directory.file.path=" + dir.resolve("users.json"),
              "keys.dir=" + dir.resolve("keys"),
              "keys.rsaBits=2048",
              "password.argon2.memoryKib=64",
              "password.argon2.iterations=1",
              "audit.sink=file",
              "audit.file=" + dir.resolve("audit/audit.log"),
              ""));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    int code =
        new Cli(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out),
                new PrintStream(new ByteArrayOutputStream()),
                Map.of())
            .run(all);
    assertEquals(0, code, String.join(" ", args));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyChangeOfTheCliIsOneEventInOrderWithoutASecret() throws Exception {
    cli(PASSWORD + "\n", "users", "add", "carol", "--id", "id-carol", "--password-stdin");
    cli(NEW_PASSWORD + "\n", "users", "passwd", "carol", "--password-stdin");
    cli("", "users", "disable", "carol");
    cli("", "users", "enable", "carol");
    String enrolled = cli("", "users", "totp", "carol");
    cli("", "users", "totp", "carol", "--remove");
    String generated = cli("", "keys", "generate", "--alg", "es256");

    List<String> lines = Files.readAllLines(dir.resolve("audit/audit.log"));
    List<String> events = new ArrayList<>();
    for (String line : lines) {
      JsonNode e = Json.parse(line);
      events.add(e.get("event").asText() + " " + e.path("detail").asText(""));
      assertEquals("cli", e.get("contract").asText(), line);
      assertEquals("success", e.get("outcome").asText(), line);
    }
    Matcher kid = Pattern.compile("generated ES256 key (\\S+)").matcher(generated);
    kid.find();
    assertEquals(
        List.of(
            "user.added carol",
            "user.changed password",
            "user.disabled ",
            "user.changed enabled",
            "mfa.enrolled totp",
            "mfa.removed totp",
            "key.generated ES256 " + kid.group(1)),
        events);
    Matcher secret = Pattern.compile("secret: ([A-Z2-7 ]+)").matcher(enrolled);
    secret.find();
    String all = String.join("\n", lines);
    for (String s :
        List.of(PASSWORD, NEW_PASSWORD, secret.group(1).replace(" ", ""), "$argon2id", "PRIVATE")) {
      assertFalse(all.contains(s), "no secret in the audit: " + s);
    }
  }
}
