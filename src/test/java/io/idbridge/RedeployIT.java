package io.idbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.idbridge.testing.Database;
import io.idbridge.testing.TestDatabases;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built WAR deployed and undeployed three times in Tomcat 10.1 and in Jetty 12: every old
 * web-app class loader is collected, and no thread is left behind.
 */
class RedeployIT {
  static final Path WAR = Path.of("target/idbridge.war").toAbsolutePath();
  static final int CYCLES = 3;
  // Requests on the calling thread: the client starts no worker threads that would look like ours.
  final HttpClient http = HttpClient.newBuilder().executor(Runnable::run).build();

  @TempDir Path dir;

  /** One container: deploys the WAR and answers its base URI and class loader, or undeploys it. */
  interface Container extends AutoCloseable {
    URI deploy(Path config) throws Exception;

    ClassLoader loader();

    void undeploy() throws Exception;
  }

  @Test
  void tomcatFreesEveryOldDeploymentWithMemoryState() throws Exception {
    cycles(new TomcatContainer(dir.resolve("tomcat")), config(Map.of()));
  }

  @Test
  void jettyFreesEveryOldDeploymentWithMemoryState() throws Exception {
    cycles(new JettyContainer(), config(Map.of()));
  }

  @Test
  void jettyFreesEveryOldDeploymentWithPostgresState() throws Exception {
    cyclesWithJdbcState(JettyContainer::new, TestDatabases.Kind.POSTGRES);
  }

  @Test
  void tomcatFreesEveryOldDeploymentWithMariadbState() throws Exception {
    cyclesWithJdbcState(
        () -> new TomcatContainer(dir.resolve("tomcat")), TestDatabases.Kind.MARIADB);
  }

  /**
   * The container is started only once the database is there: a skipped test leaves none running.
   */
  void cyclesWithJdbcState(Callable<Container> container, TestDatabases.Kind kind)
      throws Exception {
    Database db = TestDatabases.require(kind, RedeployIT.class);
    String prefix = Database.unique("redeploy_");
    try {
      cycles(
          container.call(),
          config(
              Map.of(
                  "state.type",
                  "jdbc",
                  "state.jdbc.url",
                  db.url(),
                  "state.jdbc.tablePrefix",
                  prefix)));
    } finally {
      db.dropAll(prefix);
    }
  }

  Path config(Map<String, String> extra) throws Exception {
    Map<String, String> props = new TreeMap<>(extra);
    props.put("keys.dir", dir.resolve("keys").toString());
    props.put("keys.rsaBits", "2048");
    props.put("directory.file.path", dir.resolve("users.json").toString());
    props.put("password.argon2.memoryKib", "64");
    props.put("password.argon2.iterations", "1");
    StringBuilder text = new StringBuilder();
    props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path file = dir.resolve("idbridge.properties");
    Files.writeString(file, text);
    return file;
  }

  void cycles(Container container, Path config) throws Exception {
    List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    try (container) {
      Set<Thread> threads = Set.of();
      for (int i = 0; i < CYCLES; i++) {
        URI base = container.deploy(config);
        exercise(base);
        loaders.add(new WeakReference<>(container.loader()));
        container.undeploy();
        // After the first cycle, which starts the container's own lazy threads too.
        threads = i == 0 ? Set.copyOf(Thread.getAllStackTraces().keySet()) : threads;
      }
      assertEquals(0, collected(loaders), "web-app class loaders still reachable");
      assertEquals(List.of(), survivors(threads), "threads added by each redeploy");
    }
  }

  /**
   * The threads started since {@code before} that are still alive, once each had a bounded time to
   * end: a JDK Cleaner's thread (PostgreSQL's driver has one per class loader) ends only after a
   * collection has found its loader gone.
   */
  static List<String> survivors(Set<Thread> before) throws InterruptedException {
    List<String> alive = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      for (int i = 0; i < 20 && t.isAlive() && !before.contains(t); i++) {
        System.gc();
        t.join(500);
      }
      if (t.isAlive() && !before.contains(t)) {
        alive.add(t.getName());
      }
    }
    return alive;
  }

  /** A request through every part that starts something: health (both stores) and a login. */
  void exercise(URI base) throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(base.resolve("health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health.body());
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(base.resolve("api/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=nobody&password=wrong"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, login.statusCode(), login.body());
  }

  /**
   * How many of the loaders are still reachable after collecting garbage until all are gone, at
   * most a bounded number of times.
   */
  static long collected(List<WeakReference<ClassLoader>> loaders) {
    for (int i = 0; i < 50 && loaders.stream().anyMatch(r -> r.get() != null); i++) {
      System.gc();
      byte[][] pressure = new byte[64][];
      for (int j = 0; j < pressure.length; j++) {
        pressure[j] = new byte[1 << 20];
      }
    }
    return loaders.stream().filter(r -> r.get() != null).count();
  }

  static final class TomcatContainer implements Container {
    final Tomcat tomcat = new Tomcat();
    Context context;

    TomcatContainer(Path base) throws Exception {
      Files.createDirectories(base.resolve("webapps"));
      tomcat.setBaseDir(base.toString());
      tomcat.setPort(0);
      tomcat.getConnector();
      tomcat.setAddDefaultWebXmlToWebapp(false);
      tomcat.start();
    }

    @Override
    public URI deploy(Path config) {
      context = tomcat.addWebapp("/idbridge", WAR.toString());
      context.addParameter("idbridge.config", config.toString());
      return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/idbridge/");
    }

    @Override
    public ClassLoader loader() {
      return context.getLoader().getClassLoader();
    }

    @Override
    public void undeploy() {
      tomcat.getHost().removeChild(context);
      context = null;
    }

    @Override
    public void close() throws Exception {
      tomcat.stop();
      tomcat.destroy();
    }
  }

  static final class JettyContainer implements Container {
    final Server server = new Server();
    final ContextHandlerCollection contexts = new ContextHandlerCollection();
    final ServerConnector connector = new ServerConnector(server);
    WebAppContext context;

    JettyContainer() throws Exception {
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      server.setHandler(contexts);
      server.start();
    }

    @Override
    public URI deploy(Path config) throws Exception {
      context = new WebAppContext(WAR.toString(), "/idbridge");
      context.setInitParameter("idbridge.config", config.toString());
      context.setThrowUnavailableOnStartupException(true);
      contexts.addHandler(context);
      context.start();
      return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/idbridge/");
    }

    @Override
    public ClassLoader loader() {
      return context.getClassLoader();
    }

    @Override
    public void undeploy() throws Exception {
      context.stop();
      contexts.removeHandler(context);
      context.destroy();
      context = null;
    }

    @Override
    public void close() throws Exception {
      server.stop();
    }
  }
}
