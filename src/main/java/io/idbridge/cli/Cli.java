package io.idbridge.cli;

import io.idbridge.Config;
import io.idbridge.ConfigLocator;
import io.idbridge.audit.AuditEvent;
import io.idbridge.audit.AuditTrail;
import io.idbridge.audit.RequestContext;
import io.idbridge.config.ConfigException;
import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.directory.WritableUserDirectory;
import io.idbridge.jwt.JwsAlgorithm;
import io.idbridge.jwt.KeyRing;
import io.idbridge.mfa.TotpEnrollment;
import io.idbridge.password.PasswordHashes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * User and key administration: {@code users add|passwd|disable|enable|list|totp}, {@code keys
 * generate|list|export}, {@code hash}; and {@code config check}. Every error is one line on stderr
 * and a non-zero exit code.
 */
public final class Cli {
  public static final Set<String> COMMANDS =
      Set.of("users", "keys", "hash", "config", "help", "--help");

  private static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: java -jar idbridge.jar [--config FILE]                 run the server",
          "       java -jar idbridge.jar users add NAME --password-stdin [--display-name X] [--email X] [--attr k=v]... [--id X]",
          "       java -jar idbridge.jar users passwd NAME --password-stdin",
          "       java -jar idbridge.jar users disable|enable NAME",
          "       java -jar idbridge.jar users list",
          "       java -jar idbridge.jar users totp NAME [--invert]",
          "       java -jar idbridge.jar users totp NAME --remove",
          "       java -jar idbridge.jar keys generate [--alg es256|rs256]",
          "       java -jar idbridge.jar keys list",
          "       java -jar idbridge.jar keys export --pem",
          "       java -jar idbridge.jar hash --password-stdin",
          "       java -jar idbridge.jar config check                      check the file, the stores, keys and TLS",
          "every command takes --config FILE (default conf/idbridge.properties)");

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  public Cli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
  }

  /** Runs one command; returns the exit code: 0 done, 1 refused, 2 bad usage or configuration. */
  public int run(List<String> args) {
    try {
      CliArgs a = CliArgs.parse(args, Set.of("--password-stdin", "--pem", "--remove", "--invert"));
      String command = a.word(0, "command");
      switch (command) {
        case "users" -> users(a);
        case "keys" -> keys(a);
        case "hash" -> hash(a);
        case "config" -> {
          return config(a, command);
        }
        default -> out.println(USAGE);
      }
      return 0;
    } catch (CliException e) {
      err.println("error: " + e.getMessage());
      err.println("run 'java -jar idbridge.jar help' for usage");
      return 2;
    } catch (ConfigException e) {
      err.println("error: configuration: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException
        | DirectoryUnavailableException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  /** {@code config check}: its own exit codes, 0 when all is well and 1 with its problems. */
  private int config(CliArgs a, String command) {
    a.allow(Set.of("--config"));
    String action = a.word(1, command + " action (check)");
    if (!action.equals("check")) {
      throw new CliException("unknown " + command + " action " + action);
    }
    return new ConfigCheck(out, env, Clock.systemUTC()).run(a.option("--config"));
  }

  private Config config(CliArgs a) {
    return ConfigLocator.forCommandLine(a.option("--config"), env);
  }

  private void users(CliArgs a) {
    String action = a.word(1, "users action (add, passwd, disable, enable, list, totp)");
    Config config = config(a);
    PasswordHashes hashes = new PasswordHashes(config.password());
    WritableUserDirectory dir = writable(config, hashes);
    try (AuditTrail audit = audit(config)) {
      users(a, action, config, hashes, dir, audit);
    }
  }

  private void users(
      CliArgs a,
      String action,
      Config config,
      PasswordHashes hashes,
      WritableUserDirectory dir,
      AuditTrail audit) {
    switch (action) {
      case "add" -> {
        a.allow(
            Set.of("--config", "--password-stdin", "--display-name", "--email", "--attr", "--id"));
        String name = a.word(2, "user name");
        String hash = hashes.hash(password(a));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String kv : a.all("--attr")) {
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new CliException("--attr takes key=value, not " + kv);
          }
          attributes.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        String id = a.option("--id").orElse(UUID.randomUUID().toString());
        dir.add(
            User.of(
                id,
                name,
                hash,
                a.option("--display-name").orElse(name),
                a.option("--email").orElse(""),
                attributes));
        audit.success(AuditEvent.Kind.USER_ADDED, id, name);
        out.println("added " + name + " (id " + id + ")");
      }
      case "passwd" -> {
        a.allow(Set.of("--config", "--password-stdin"));
        User user = existing(dir, a.word(2, "user name"));
        dir.update(user.withPasswordHash(hashes.hash(password(a))));
        audit.success(AuditEvent.Kind.USER_CHANGED, user.id(), "password");
        out.println("password changed for " + user.username());
      }
      case "disable", "enable" -> {
        a.allow(Set.of("--config"));
        User user = existing(dir, a.word(2, "user name"));
        dir.update(user.withDisabled(action.equals("disable")));
        if (action.equals("disable")) {
          audit.success(AuditEvent.Kind.USER_DISABLED, user.id(), null);
        } else {
          audit.success(AuditEvent.Kind.USER_CHANGED, user.id(), "enabled");
        }
        out.println(user.username() + " " + action + "d");
      }
      case "list" -> {
        a.allow(Set.of("--config"));
        for (User u : dir.list()) {
          out.printf(
              "%s\t%s\t%s\t%s\t%s%n",
              u.username(),
              u.id(),
              u.displayName(),
              u.email(),
              u.disabled() ? "disabled" : "enabled");
        }
      }
      case "totp" -> {
        a.allow(Set.of("--config", "--remove", "--invert"));
        totp(
            a,
            new TotpEnrollment(dir, config.mfa(), new SecureRandom()),
            existing(dir, a.word(2, "user name")),
            audit);
      }
      default -> throw new CliException("unknown users action " + action);
    }
  }

  /** Enrolls a user, confirmed (an administrator vouches for the device), or removes the secret. */
  private void totp(CliArgs a, TotpEnrollment enrollment, User user, AuditTrail audit) {
    if (a.flag("--remove")) {
      enrollment.remove(user);
      audit.success(AuditEvent.Kind.MFA_REMOVED, user.id(), "totp");
      out.println(
          "TOTP removed for "
              + user.username()
              + ": login no longer asks for a code, and every remembered mfa_key of the user stops working");
      return;
    }
    TotpEnrollment.Enrollment e = enrollment.enroll(user, true);
    audit.success(AuditEvent.Kind.MFA_ENROLLED, user.id(), "totp");
    out.println(
        "TOTP enrolled for "
            + user.username()
            + ": login asks for a code from now on"
            + (user.totpSecret().isEmpty()
                ? ""
                : "; the previous secret and its mfa_keys stop working"));
    out.println("Scan the QR code with an authenticator app, or enter the secret by hand:");
    out.println();
    out.print(TerminalQr.render(e.uri(), a.flag("--invert")));
    out.println();
    out.println(e.uri());
    out.println("secret: " + e.secret().replaceAll("(.{4})(?!$)", "$1 "));
  }

  static User existing(UserDirectory dir, String name) {
    return dir.findByUsername(name)
        .orElseThrow(() -> new IllegalArgumentException("no user named " + name));
  }

  static WritableUserDirectory writable(Config config, PasswordHashes hashes) {
    UserDirectory dir = io.idbridge.Components.directory(config, hashes);
    if (dir instanceof WritableUserDirectory w) {
      return w;
    }
    dir.close();
    throw new IllegalArgumentException(
        "directory.type="
            + config.directory().type().name().toLowerCase(Locale.ROOT)
            + " is administered in its own store, not by idbridge; use 'hash' to make password hashes for it");
  }

  private void keys(CliArgs a) {
    String action = a.word(1, "keys action (generate, list, export)");
    Config config = config(a);
    try (AuditTrail audit = audit(config)) {
      keys(a, action, config, KeyRing.load(config.keys().dir(), Clock.systemUTC()), audit);
    } catch (IOException e) {
      throw new UncheckedIOException(config.keys().dir() + ": " + e.getMessage(), e);
    }
  }

  private void keys(CliArgs a, String action, Config config, KeyRing ring, AuditTrail audit)
      throws IOException {
    switch (action) {
      case "generate" -> {
        a.allow(Set.of("--config", "--alg"));
        JwsAlgorithm alg =
            a.option("--alg").map(s -> parseAlg(s)).orElse(config.tokens().algorithm());
        String kid = ring.generate(alg, config.keys().rsaBits());
        audit.success(AuditEvent.Kind.KEY_GENERATED, null, alg + " " + kid);
        out.println(
            "generated "
                + alg
                + " key "
                + kid
                + " in "
                + config.keys().dir()
                + "; a running server signs with it from its next token on, older keys keep verifying until removed");
      }
      case "list" -> {
        a.allow(Set.of("--config"));
        ring.list().forEach(k -> out.println(k));
      }
      case "export" -> {
        a.allow(Set.of("--config", "--pem"));
        if (!a.flag("--pem")) {
          throw new CliException("keys export needs --pem");
        }
        out.print(
            ring.currentRsaPublicKey()
                .map(KeyRing::toPem)
                .orElseThrow(
                    () -> new IllegalStateException("no RSA key; run: keys generate --alg rs256")));
      }
      default -> throw new CliException("unknown keys action " + action);
    }
  }

  /**
   * The configured audit trail, with the CLI as the events' contract. A sink that fails is said by
   * the trail's log line; the change itself is made.
   */
  private static AuditTrail audit(Config config) {
    new RequestContext("-", "cli", "-").enter();
    return io.idbridge.Components.audit(config, sink -> {}, Clock.systemUTC());
  }

  private static JwsAlgorithm parseAlg(String s) {
    try {
      return JwsAlgorithm.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException("--alg must be es256 or rs256");
    }
  }

  private void hash(CliArgs a) {
    a.allow(Set.of("--config", "--password-stdin"));
    out.println(new PasswordHashes(config(a).password()).hash(password(a)));
  }

  /**
   * The password from the first line of standard input: never from an argument, which others can
   * see.
   */
  private String password(CliArgs a) {
    if (!a.flag("--password-stdin")) {
      throw new CliException("give the password on standard input with --password-stdin");
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new CliException("no password on standard input");
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
