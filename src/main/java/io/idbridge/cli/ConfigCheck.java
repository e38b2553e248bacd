package io.idbridge.cli;

import io.idbridge.Components;
import io.idbridge.Config;
import io.idbridge.ConfigLocator;
import io.idbridge.config.ConfigException;
import io.idbridge.config.ConfigReader;
import io.idbridge.directory.UserDirectory;
import io.idbridge.jwt.JwsAlgorithm;
import io.idbridge.jwt.KeyRing;
import io.idbridge.password.PasswordHashes;
import io.idbridge.state.StateStore;
import io.idbridge.tls.ServerCertificate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code config check [--config FILE]}: reads the configuration as start-up does, then connects to
 * the directory and the state store and runs their statements or searches, and reads the signing
 * keys and the TLS material. Prints the effective configuration (secrets masked), one {@code ok:}
 * line per check and one {@code error:} line per problem, all on stdout (stderr has only the log
 * lines of the drivers); exits 0 when there is no problem, else 1.
 */
final class ConfigCheck {
  /**
   * A login name looked up to run the directory's search: finding nobody is the expected answer.
   */
  static final String PROBE = "idbridge-config-check";

  private final PrintStream out;
  private final Map<String, String> env;
  private final Clock clock;
  private final List<String> problems = new ArrayList<>();

  ConfigCheck(PrintStream out, Map<String, String> env, Clock clock) {
    this.out = out;
    this.env = env;
    this.clock = clock;
  }

  int run(Optional<String> file) {
    Config config;
    try {
      config = ConfigLocator.forCommandLine(file, env);
    } catch (ConfigException e) {
      return report(e.problems());
    }
    out.println("# " + config.source() + ", in effect (secrets masked)");
    out.print(config.effective().render());
    keys(config);
    tls(config);
    directory(config);
    state(config);
    return report(problems);
  }

  private int report(List<String> found) {
    found.forEach(p -> out.println("error: " + p));
    return found.isEmpty() ? 0 : 1;
  }

  private void keys(Config config) {
    Path dir = config.keys().dir();
    KeyRing ring;
    try {
      ring = KeyRing.load(dir, clock);
    } catch (IOException e) {
      problems.add(
          config.source() + ": keys.dir: cannot read the signing keys in " + dir + " (" + e + ")");
      return;
    }
    for (JwsAlgorithm alg : new JwsAlgorithm[] {config.tokens().algorithm(), JwsAlgorithm.RS256}) {
      if (ring.signer(alg).isPresent()) {
        out.println("ok: " + alg + " signing key in " + dir);
      } else if (writable(dir)) {
        out.println("ok: no " + alg + " signing key in " + dir + ": the server makes one at start");
      } else {
        problems.add(
            config.source()
                + ": keys.dir: no "
                + alg
                + " signing key in "
                + dir
                + ", and the server cannot write one there");
      }
    }
  }

  /** Whether the directory, or the nearest existing parent that would hold it, is writable. */
  private static boolean writable(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null && Files.isWritable(existing);
  }

  private void tls(Config config) {
    if (!config.server().tls().enabled()) {
      return;
    }
    try {
      out.println(
          "ok: TLS certificate "
              + ServerCertificate.load(config.server().tls(), clock.instant()).describe());
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  private void directory(Config config) {
    String type = ConfigReader.label(config.directory().type());
    try (UserDirectory directory =
        Components.directory(config, new PasswordHashes(config.password()))) {
      directory.ping();
      directory.findByUsername(PROBE);
      out.println("ok: directory (" + type + ") answers");
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    } catch (RuntimeException e) {
      problems.add(config.source() + ": directory." + type + ": " + e.getMessage());
    }
  }

  private void state(Config config) {
    String type = ConfigReader.label(config.state().type());
    try (StateStore state = Components.state(config, clock)) {
      state.ping();
      out.println("ok: state store (" + type + ") answers");
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    } catch (RuntimeException e) {
      problems.add(config.source() + ": state." + type + ": " + e.getMessage());
    }
  }
}
