package io.idbridge.bench;

import io.idbridge.directory.FileUserDirectory;
import io.idbridge.directory.HashedPasswordCheck;
import io.idbridge.directory.User;
import io.idbridge.password.PasswordConfig;
import io.idbridge.password.PasswordHashes;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The starvation case of {@code bench/starve.sh} (issue 13.1): a server of its own, on 127.0.0.1
 * with the default hashing, under many login connections and fewer token-verify connections for a
 * bounded time, while one client asks {@code /health} over and over; it reports the answers each
 * kind got and their latencies.
 */
public final class StarveClient {
  private static final Pattern LISTENING = Pattern.compile("idbridge listening on (http://\\S+)");

  // A client per kind: one client's selector thread, busy with hundreds of login connections,
  // would delay the health checks it also carried and measure itself rather than the server.
  private final HttpClient loginClient = client();
  private final HttpClient verifyClient = client();
  private final HttpClient healthClient = client();
  private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
  private URI base;

  public static void main(String[] args) throws Exception {
    Map<String, String> o = LoadClient.options(args);
    new StarveClient()
        .run(
            Path.of(LoadClient.required(o, "--jar")),
            LoadClient.number(o, "--logins", 300),
            LoadClient.number(o, "--verifies", 100),
            LoadClient.number(o, "--seconds", 30),
            o.getOrDefault("--java-options", ""));
  }

  private void run(Path jar, int logins, int verifies, int seconds, String javaOptions)
      throws Exception {
    Path dir = Files.createTempDirectory("idbridge-starve");
    Path config = dir.resolve("idbridge.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "server.host=127.0.0.1",
            "server.port=0",
            "keys.dir=" + dir.resolve("keys"),
            "directory.file.path=" + dir.resolve("users.json"),
            // Every login is the same name from the same address: without this the limiter would
            // answer 429 before any hash.
            "throttle.threshold=1000000",
            "throttle.userThreshold=1000000",
            ""));
    String password = "starve-" + System.nanoTime();
    new FileUserDirectory(
            dir.resolve("users.json"),
            new HashedPasswordCheck(new PasswordHashes(PasswordConfig.defaults())))
        .add(
            User.of(
                "id-starve",
                "starve",
                new PasswordHashes(PasswordConfig.defaults()).hash(password),
                "Starve",
                "",
                Map.of()));
    List<String> command = new ArrayList<>(List.of("java"));
    if (!javaOptions.isBlank()) {
      command.addAll(List.of(javaOptions.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
    Path log = dir.resolve("server.log");
    Process server =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
    try {
      base = LoadClient.loopback(awaitListening(server, log));
      String token =
          Json.parse(login(password).body()).get("token").asText(); // one session to verify
      System.out.printf(
          Locale.ROOT,
          "idbridge starve: %s, %d login and %d verify connections, %d s, %d cores%n",
          base,
          logins,
          verifies,
          seconds,
          Runtime.getRuntime().availableProcessors());
      System.out.println("health before: " + get(healthClient, base.resolve("/health")).body());
      measure(password, token, logins, verifies, seconds);
    } finally {
      server.destroy(); // SIGTERM: the server stops as in production
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      String severe = Files.readString(log).contains(" SEVERE ") ? " (it logged SEVERE lines)" : "";
      System.out.println("server log: " + log + severe);
    }
  }

  private void measure(String password, String token, int logins, int verifies, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Samples login = new Samples("POST /api/login (any answer)");
    Samples verify = new Samples("GET /connectycube/verify");
    Samples checks = new Samples("GET /health, one client");
    URI verifyUrl = base.resolve("/connectycube/verify?token=" + token);
    URI healthUrl = base.resolve("/health");
    Load loginLoad = new Load(logins, deadline);
    Load verifyLoad = new Load(verifies, deadline);
    Load healthLoad = new Load(1, deadline);
    List<Thread> kinds =
        List.of(
            new Thread(
                () ->
                    forever(
                        loginLoad,
                        () -> count("login", login.time(() -> login(password)).statusCode()))),
            new Thread(
                () ->
                    forever(
                        verifyLoad,
                        () ->
                            count(
                                "verify",
                                verify.time(() -> get(verifyClient, verifyUrl)).statusCode()))),
            new Thread(
                () ->
                    forever(
                        healthLoad,
                        () ->
                            count(
                                "health",
                                checks.time(() -> get(healthClient, healthUrl)).statusCode()))));
    kinds.forEach(Thread::start);
    for (Thread kind : kinds) {
      kind.join();
    }
    long wall = TimeUnit.SECONDS.toNanos(seconds);
    System.out.println(Samples.HEADER);
    for (Samples s : List.of(login, verify, checks)) {
      System.out.println(s.line(wall));
    }
    System.out.println("answers: " + new TreeMap<>(answers));
    for (Load load : List.of(loginLoad, verifyLoad, healthLoad)) {
      load.failures().stream().limit(3).forEach(f -> System.out.println("failed: " + f));
    }
  }

  /** Runs the operation on every thread of the load until its deadline. */
  private static void forever(Load load, Load.Operation operation) {
    try {
      load.run(Integer.MAX_VALUE, operation);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void count(String kind, int status) {
    answers.computeIfAbsent(kind + " " + status, k -> new AtomicLong()).incrementAndGet();
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private HttpResponse<String> login(String password) throws IOException, InterruptedException {
    return loginClient.send(
        HttpRequest.newBuilder(base.resolve("/api/login"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    TestServer.form(Map.of("username", "starve", "password", password))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(HttpClient http, URI url)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The server's URL from its log, or an exception with the log when it stopped first. */
  private static URI awaitListening(Process server, Path log) throws Exception {
    for (int i = 0; i < 600; i++) {
      Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return URI.create(m.group(1));
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("the server did not start:\n" + Files.readString(log));
      }
      server.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("the server did not say where it listens within a minute");
  }
}
