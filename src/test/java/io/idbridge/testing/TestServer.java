package io.idbridge.testing;

import io.idbridge.Config;
import io.idbridge.Main;
import io.idbridge.directory.FileUserDirectory;
import io.idbridge.directory.HashedPasswordCheck;
import io.idbridge.directory.User;
import io.idbridge.password.PasswordHashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The real server (embedded Jetty through {@link Main#newServer}, the same webapp as the WAR) on a
 * free port, with its own users file and keys in a temporary directory, and an HTTP client to talk
 * to it.
 */
public final class TestServer implements AutoCloseable {
  /** Cheap hashing for tests: the format is the same, only the cost differs. */
  public static final Map<String, String> CHEAP =
      Map.of(
          "password.argon2.memoryKib",
          "64",
          "password.argon2.iterations",
          "1",
          "keys.rsaBits",
          "2048");

  private final Server server;
  private final Path dir;
  private final URI base;
  private final Config config;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(Server server, Path dir, Config config) {
    this.server = server;
    this.dir = dir;
    this.config = config;
    this.base = server.getURI();
  }

  public static TestServer start(Map<String, String> properties, FakeClock clock) {
    try {
      Path dir = Files.createTempDirectory("idbridge-test");
      Map<String, String> props = new HashMap<>(CHEAP);
      props.put("server.host", "127.0.0.1");
      props.put("server.port", "0");
      props.put("management.port", "0");
      props.put("keys.dir", SharedKeys.dir().toString());
      props.put("directory.file.path", dir.resolve("users.json").toString());
      props.putAll(properties);
      Config config = Config.read("test", props, Map.of());
      Server server = Main.newServer(config, clock);
      server.start();
      return new TestServer(server, dir, config);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start", e);
    }
  }

  public Config config() {
    return config;
  }

  public Path dir() {
    return dir;
  }

  /**
   * The local port of each contract connector, in the order the server has them (HTTPS, then
   * redirect); the management port is {@link #managementUri}'s.
   */
  public java.util.List<Integer> ports() {
    return java.util.Arrays.stream(server.getConnectors())
        .filter(c -> !"management".equals(c.getName()))
        .map(c -> ((org.eclipse.jetty.server.ServerConnector) c).getLocalPort())
        .toList();
  }

  public URI uri(String path) {
    return base.resolve(path);
  }

  /** A path on the management port, where {@code /metrics} and {@code /health/*} are served. */
  public URI managementUri(String path) {
    for (Connector c : server.getConnectors()) {
      if ("management".equals(c.getName())) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) c).getLocalPort() + path);
      }
    }
    throw new IllegalStateException("the server has no management connector");
  }

  public HttpResponse<String> getManagement(String path) {
    return send(HttpRequest.newBuilder(managementUri(path)).GET());
  }

  /** Adds a user to the server's users file; the running server notices the change. */
  public User addUser(String username, String password, Map<String, String> attributes) {
    FileUserDirectory users =
        new FileUserDirectory(
            config.directory().filePath(),
            new HashedPasswordCheck(new PasswordHashes(config.password())));
    User user =
        User.of(
            "id-" + username,
            username,
            new PasswordHashes(config.password()).hash(password),
            "Display " + username,
            username + "@example.com",
            attributes);
    users.add(user);
    return user;
  }

  public FileUserDirectory users() {
    return new FileUserDirectory(
        config.directory().filePath(),
        new HashedPasswordCheck(new PasswordHashes(config.password())));
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
  }

  public HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form))),
        headers);
  }

  public HttpResponse<String> postJson(String path, String json, String... headers) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        headers);
  }

  public HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String form(Map<String, String> fields) {
    return new LinkedHashMap<>(fields)
        .entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("test server did not stop", e);
    }
  }
}
