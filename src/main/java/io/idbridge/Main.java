package io.idbridge;

import io.idbridge.cli.Cli;
import io.idbridge.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code java -jar idbridge.jar [--config FILE]}: the webapp in embedded Jetty, through the same
 * {@link Bootstrap} as the WAR. With a first argument such as {@code users} or {@code keys}, the
 * administration CLI instead.
 */
public final class Main {
  private static final System.Logger LOG = System.getLogger(Main.class.getName());
  static final Path DEFAULT_CONFIG = Path.of("conf/idbridge.properties");

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s %5$s%6$s%n");
    }
    if (args.length > 0 && Cli.COMMANDS.contains(args[0])) {
      System.exit(
          new Cli(System.in, System.out, System.err, System.getenv()).run(Arrays.asList(args)));
    }
    Config config;
    try {
      config = loadConfig(Arrays.asList(args), System.getenv());
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("idbridge cannot start:" + System.lineSeparator() + e.getMessage());
      System.exit(2);
      return;
    }
    Server server = newServer(config, Clock.systemUTC());
    try {
      server.start();
    } catch (ConfigException e) {
      System.err.println("idbridge cannot start:" + System.lineSeparator() + e.getMessage());
      server.stop();
      System.exit(2);
    }
    LOG.log(System.Logger.Level.INFO, "idbridge listening on " + server.getURI());
    server.join();
  }

  /**
   * The configuration named by {@code --config FILE}; without it {@code conf/idbridge.properties}
   * when present, else the embedded defaults. A file that was named but is missing stops start-up.
   */
  public static Config loadConfig(List<String> args, java.util.Map<String, String> env) {
    int i = args.indexOf("--config");
    if (i >= 0) {
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("--config needs a file");
      }
      Path file = Path.of(args.get(i + 1));
      if (!Files.exists(file)) {
        throw new ConfigException(List.of(file + ": the configuration file does not exist"));
      }
      return Config.load(file, env);
    }
    return Files.exists(DEFAULT_CONFIG) ? Config.load(DEFAULT_CONFIG, env) : Config.defaults(env);
  }

  /** The server, not yet started; tests call this with port 0 and read the URI after start. */
  public static Server newServer(Config config, Clock clock) {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // No product and version in every response: nothing for a scanner to match against advisories.
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.server().host());
    connector.setPort(config.server().port());
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(new Bootstrap(config, clock));
    // What web.xml says for the WAR: errors the container raises itself are rendered by /_error.
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, "/_error");
    errors.setShowStacks(false);
    context.setErrorHandler(errors);
    server.setHandler(context);
    server.setErrorHandler(new JsonServerErrors());
    // SIGTERM runs the JVM's shutdown hooks: Jetty stops accepting, finishes requests, and
    // Bootstrap closes.
    server.setStopAtShutdown(true);
    server.setStopTimeout(5000);
    return server;
  }
}
