package io.idbridge;

import io.idbridge.audit.AuditEvent;
import io.idbridge.audit.AuditTrail;
import io.idbridge.audit.LoginRecorder;
import io.idbridge.config.ConfigException;
import io.idbridge.core.Authenticator;
import io.idbridge.core.LoginFailures;
import io.idbridge.core.LoginListener;
import io.idbridge.core.Logins;
import io.idbridge.core.Sessions;
import io.idbridge.core.Tokens;
import io.idbridge.directory.FileUserDirectory;
import io.idbridge.directory.HashedPasswordCheck;
import io.idbridge.directory.UserDirectory;
import io.idbridge.directory.http.HttpUserDirectory;
import io.idbridge.directory.jdbc.JdbcUserDirectory;
import io.idbridge.directory.ldap.LdapUserDirectory;
import io.idbridge.jwt.JwsAlgorithm;
import io.idbridge.jwt.KeyRing;
import io.idbridge.metrics.Metrics;
import io.idbridge.mfa.MfaTokens;
import io.idbridge.mfa.SecondFactor;
import io.idbridge.password.PasswordHashes;
import io.idbridge.state.MemoryStateStore;
import io.idbridge.state.StateStore;
import io.idbridge.state.jdbc.JdbcStateStore;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The core, built from the configuration: plain Java with no servlet types, shared by the server
 * (through {@link Bootstrap}) and the CLI.
 */
public record Components(
    Config config,
    Clock clock,
    KeyRing keys,
    PasswordHashes hashes,
    UserDirectory directory,
    StateStore state,
    Tokens tokens,
    Sessions sessions,
    Authenticator authenticator,
    MfaTokens mfaTokens,
    SecondFactor mfa,
    Logins logins,
    Metrics metrics,
    AuditTrail audit)
    implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Components.class.getName());

  public static Components build(Config config, Clock clock) {
    Metrics metrics = new Metrics();
    AuditTrail audit = audit(config, metrics::auditWriteFailed, clock);
    UserDirectory directory;
    StateStore state;
    KeyRing keys;
    PasswordHashes hashes;
    try {
      keys = signingKeys(config, clock, audit);
      hashes = new PasswordHashes(config.password(), metrics.hashTiming());
      directory = metrics.timed(directory(config, hashes));
    } catch (RuntimeException e) {
      audit.close();
      throw e;
    }
    try {
      state = metrics.timed(state(config, clock));
    } catch (RuntimeException e) {
      directory.close(); // a jdbc directory has a pool open by now
      audit.close();
      throw e;
    }
    Tokens tokens = new Tokens(keys, config.tokens(), clock);
    LoginListener events = new LoginRecorder(metrics, audit);
    Sessions sessions =
        new Sessions(
            tokens,
            state,
            config.sessions(),
            clock,
            directory,
            config.state().revocationCacheTtl(),
            events);
    LoginFailures failures = new LoginFailures(config.throttle(), state, clock);
    Authenticator authenticator = new Authenticator(directory, failures);
    MfaTokens mfaTokens = new MfaTokens(config.mfa(), tokens, state, directory, clock);
    SecondFactor mfa =
        new SecondFactor(config.mfa(), mfaTokens, state, failures, directory, clock, events);
    Logins logins = new Logins(authenticator, mfa, mfaTokens, sessions, events);
    return new Components(
        config,
        clock,
        keys,
        hashes,
        directory,
        state,
        tokens,
        sessions,
        authenticator,
        mfaTokens,
        mfa,
        logins,
        metrics,
        audit);
  }

  /** The audit trail alone, for the CLI. */
  public static AuditTrail audit(Config config, Consumer<String> failed, Clock clock) {
    return AuditTrail.open(config.audit(), config.state(), failed, clock);
  }

  /** The user store alone, for the CLI. */
  public static UserDirectory directory(Config config, PasswordHashes hashes) {
    return switch (config.directory().type()) {
      case FILE ->
          new FileUserDirectory(config.directory().filePath(), new HashedPasswordCheck(hashes));
      case LDAP -> new LdapUserDirectory(config.directory().ldap());
      case HTTP -> new HttpUserDirectory(config.directory().http());
      case JDBC ->
          new JdbcUserDirectory(config.directory().jdbc(), new HashedPasswordCheck(hashes));
    };
  }

  /** The state store alone, for the CLI's {@code config check}. */
  public static StateStore state(Config config, Clock clock) {
    return switch (config.state().type()) {
      case MEMORY -> new MemoryStateStore(clock);
      case JDBC -> new JdbcStateStore(config.state().jdbc(), clock);
    };
  }

  /**
   * Loads the signing keys; on a first start, makes the ones missing: one for our tokens'
   * algorithm, and an RSA key, which IBM App ID requires and {@code /keys/signing.pem} publishes.
   */
  static KeyRing signingKeys(Config config, Clock clock, AuditTrail audit) {
    try {
      KeyRing keys = KeyRing.load(config.keys().dir(), clock);
      for (JwsAlgorithm alg :
          new JwsAlgorithm[] {config.tokens().algorithm(), JwsAlgorithm.RS256}) {
        if (keys.signer(alg).isEmpty()) {
          String kid = keys.generate(alg, config.keys().rsaBits());
          audit.success(AuditEvent.Kind.KEY_GENERATED, null, alg + " " + kid);
          LOG.log(
              System.Logger.Level.WARNING,
              "no "
                  + alg
                  + " signing key in "
                  + config.keys().dir().toAbsolutePath()
                  + ": generated one (kid "
                  + kid
                  + "); back it up, and share the directory between nodes");
        }
      }
      return keys;
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              config.source()
                  + ": keys.dir: cannot read or write the signing keys in "
                  + config.keys().dir().toAbsolutePath()
                  + " ("
                  + e.getMessage()
                  + ")"));
    }
  }

  @Override
  public void close() {
    try {
      directory.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "closing the directory: " + e);
    }
    try {
      state.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "closing the state store: " + e);
    }
    audit.close();
  }
}
