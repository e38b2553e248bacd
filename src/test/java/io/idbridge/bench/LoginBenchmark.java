package io.idbridge.bench;

import io.idbridge.Components;
import io.idbridge.Config;
import io.idbridge.core.AuthResult;
import io.idbridge.core.Contract;
import io.idbridge.core.LoginAttempt;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.directory.WritableUserDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The login path without HTTP, built as the server builds it: {@code Authenticator.login} against
 * the users file (failure counts, argon2id) and {@code Sessions.open} (a signed session token).
 */
@State(Scope.Benchmark)
public class LoginBenchmark {
  private Path dir;
  private Components components;
  private LoginAttempt attempt;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("idbridge-bench");
    Config config =
        Config.read(
            "bench",
            Map.of(
                "keys.dir",
                dir.resolve("keys").toString(),
                "directory.file.path",
                dir.resolve("users.json").toString()),
            Map.of());
    components = Components.build(config, Clock.systemUTC());
    String hash = components.hashes().hash(PasswordHashBenchmark.PASSWORD);
    ((WritableUserDirectory) components.directory())
        .add(User.of("id-bench", "bench", hash, "Bench", "bench@example.com", Map.of()));
    attempt = new LoginAttempt(Contract.API, "bench", PasswordHashBenchmark.PASSWORD, "127.0.0.1");
  }

  @Benchmark
  public Sessions.Session loginAndOpenSession() {
    AuthResult result = components.authenticator().login(attempt);
    if (!(result instanceof AuthResult.Success success)) {
      throw new IllegalStateException("the benchmark login failed: " + result);
    }
    return components.sessions().open(success.user(), "api", Map.of());
  }

  @TearDown
  public void tearDown() throws IOException {
    components.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
