package io.idbridge.bench;

import io.idbridge.Components;
import io.idbridge.core.AuthResult;
import io.idbridge.core.Contract;
import io.idbridge.core.LoginAttempt;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.directory.WritableUserDirectory;
import java.io.IOException;
import java.util.Map;
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
  private ScratchComponents scratch;
  private Components components;
  private LoginAttempt attempt;

  @Setup
  public void setUp() throws IOException {
    scratch = new ScratchComponents(Map.of());
    components = scratch.get();
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
    scratch.close();
  }
}
