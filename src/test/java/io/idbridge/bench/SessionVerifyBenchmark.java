package io.idbridge.bench;

import io.idbridge.Components;
import io.idbridge.core.InvalidSessionException;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import java.io.IOException;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Sessions.verify} of one session token, as every endpoint taking our tokens calls it: with
 * the cache of verified tokens off (a signature verify each time) and on (the default).
 */
@State(Scope.Benchmark)
public class SessionVerifyBenchmark {
  @Param({"0", "10000"})
  public int verifiedCache;

  private ScratchComponents scratch;
  private Components components;
  private String token;

  @Setup
  public void setUp() throws IOException {
    scratch =
        new ScratchComponents(Map.of("tokens.verifiedCache", Integer.toString(verifiedCache)));
    components = scratch.get();
    token =
        components
            .sessions()
            .open(User.of("id-bench", "bench", "", "", "", Map.of()), "api", Map.of())
            .token();
  }

  @Benchmark
  public Sessions.SessionClaims verifySession() throws InvalidSessionException {
    return components.sessions().verify(token);
  }

  @TearDown
  public void tearDown() throws IOException {
    scratch.close();
  }
}
