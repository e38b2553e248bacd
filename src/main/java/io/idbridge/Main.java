package io.idbridge;

import io.idbridge.cli.Cli;
import io.idbridge.config.ConfigException;
import io.idbridge.password.PasswordHashes;
import io.idbridge.tls.TlsConfig;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
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

  private Main() {}

  public static void main(String[] args) throws Exception {
    LogLineFormatter.install();
    List<String> arguments = List.of(args);
    if (!arguments.isEmpty() && Cli.COMMANDS.contains(arguments.get(0))) {
      System.exit(new Cli(System.in, System.out, System.err, System.getenv()).run(arguments));
    }
    PasswordHashes.chooseEngineInBackground();
    serve(arguments);
  }

  /** Starts the server and waits; a bad configuration is one message and exit code 2. */
  private static void serve(List<String> args) throws Exception {
    Server server = null;
    try {
      server =
          newServer(
              ConfigLocator.forCommandLine(configOption(args), System.getenv()), Clock.systemUTC());
      server.start();
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("idbridge cannot start:" + System.lineSeparator() + e.getMessage());
      if (server != null) {
        server.stop();
      }
      System.exit(2);
    }
    LOG.log(System.Logger.Level.INFO, "idbridge listening on " + server.getURI());
    for (Connector c : server.getConnectors()) {
      if (c instanceof ServerConnector s && "management".equals(s.getName())) {
        LOG.log(
            System.Logger.Level.INFO,
            "metrics and health on http://" + s.getHost() + ":" + s.getLocalPort() + "/metrics");
      }
    }
    server.join();
  }

  /** The file of {@code --config FILE}, if given. */
  private static Optional<String> configOption(List<String> args) {
    int i = args.indexOf("--config");
    if (i < 0) {
      return Optional.empty();
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException("--config needs a file");
    }
    return Optional.of(args.get(i + 1));
  }

  /** How the connectors parse and answer HTTP/1.1. */
  private static HttpConfiguration http(Config config) {
    HttpConfiguration http = new HttpConfiguration();
    // No product and version in every response: nothing for a scanner to match against advisories.
    http.setSendServerVersion(false);
    // Room beyond http.maxHeaderBytes: HeaderLimitFilter refuses an oversized URL or header in the
    // contract's shape with the request id, which Jetty's own refusal could not carry.
    http.setRequestHeaderSize(4 * config.http().maxHeaderBytes());
    // A doubled slash is served as a single one (CompactPaths), so it is no ambiguity to refuse.
    // The other ambiguities (an encoded dot segment or slash) stay refused before the webapp: past
    // Jetty's check, filters and servlets would see a path other than the one that was mapped.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with("idbridge", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
    return http;
  }

  /** The server, not yet started; tests call this with port 0 and read the URI after start. */
  public static Server newServer(Config config, Clock clock) {
    Server server = new Server();
    HttpConfiguration http = http(config);
    TlsConfig tls = config.server().tls();
    ServerConnector connector =
        tls.enabled()
            ? TlsConnectors.https(server, http, tls, clock)
            : new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.server().host());
    connector.setPort(config.server().port());
    server.addConnector(connector);

    ServerConnector management = managementConnector(server, http, config);

    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(
        new Bootstrap(config, clock, OptionalInt.of(management.getLocalPort())));
    // What web.xml says for the WAR: errors the container raises itself are rendered by /_error.
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, "/_error");
    errors.setShowStacks(false);
    context.setErrorHandler(errors);
    server.setHandler(new CompactPaths(context));
    if (tls.redirectHttp()) {
      TlsConnectors.redirectHttp(server, connector, config.server().host(), tls);
    }
    server.setErrorHandler(new JsonServerErrors(Bootstrap.errorShapes()));
    // SIGTERM runs the JVM's shutdown hooks: Jetty stops accepting, finishes requests, and
    // Bootstrap closes.
    server.setStopAtShutdown(true);
    server.setStopTimeout(5000);
    return server;
  }

  /**
   * The connector of {@code /metrics} and {@code /health/*}, named {@code management}, bound now:
   * with {@code management.port=0} its port must be known before the webapp is built.
   */
  private static ServerConnector managementConnector(
      Server server, HttpConfiguration http, Config config) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setName("management");
    connector.setHost(config.management().host());
    connector.setPort(config.management().port());
    try {
      connector.open();
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              config.source()
                  + ": management.port: cannot listen on "
                  + config.management().host()
                  + ":"
                  + config.management().port()
                  + " ("
                  + e.getMessage()
                  + ")"));
    }
    server.addConnector(connector);
    return connector;
  }
}
