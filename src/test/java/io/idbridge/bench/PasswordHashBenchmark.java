package io.idbridge.bench;

import io.idbridge.password.PasswordConfig;
import io.idbridge.password.PasswordHashes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The raw limit of a login: checking a password against an argon2id hash made with the default
 * parameters.
 */
@State(Scope.Benchmark)
public class PasswordHashBenchmark {
  static final String PASSWORD = "correct horse battery staple";

  private PasswordHashes hashes;
  private String hash;

  @Setup
  public void setUp() {
    // OWASP's m=19456 KiB, t=2, p=1: what a user added with the defaults is checked against.
    hashes = new PasswordHashes(PasswordConfig.defaults());
    hash = hashes.hash(PASSWORD);
  }

  @Benchmark
  public boolean argon2idVerify() {
    return hashes.verify(PASSWORD, hash);
  }
}
