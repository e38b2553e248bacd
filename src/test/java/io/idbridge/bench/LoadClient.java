package io.idbridge.bench;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.idbridge.Config;
import io.idbridge.password.PasswordConfig;
import io.idbridge.testing.Json;
import io.idbridge.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The load client of {@code bench/load.sh}: logins over real HTTP to a server on this machine,
 * alternating with libargon2's raw argon2id verify in this process at the same parameters and
 * concurrency, and the ratio of the two rates; with {@code --jdbc-url}, the same logins alternating
 * between that server (state.type=jdbc) and the first; then rounds of login, wrong password and
 * logout. Each ratio is also printed as a {@code FIGURE name value} line, which the script
 * collects. With {@code --keycloak TOKEN_URL} ({@code bench/peer-keycloak.sh}) it compares only our
 * logins with Keycloak's direct grants of the same user and password. The user's password comes on
 * standard input.
 */
public final class LoadClient {
  private static final int BLOCKS = 4;

  private final URI base;
  private final URI jdbcBase;
  private final String user;
  private final String password;
  private final PlainHttp http = new PlainHttp();
  private final int clients;
  private final Optional<Wrk> wrk;
  private final Duration block;
  private final Duration wrkWarmup;
  private final Optional<URI> metrics;

  private LoadClient(
      URI base,
      URI jdbcBase,
      String user,
      String password,
      int clients,
      Optional<Wrk> wrk,
      Duration block,
      Duration wrkWarmup,
      Optional<URI> metrics) {
    this.base = base;
    this.clients = clients;
    this.jdbcBase = jdbcBase;
    this.user = user;
    this.password = password;
    this.wrk = wrk;
    this.block = block;
    this.wrkWarmup = wrkWarmup;
    this.metrics = metrics;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    int clients = number(o, "--clients", Runtime.getRuntime().availableProcessors());
    int logins = number(o, "--logins", 400);
    int warmup = number(o, "--warmup", Math.max(20, 4 * clients));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(number(o, "--max-seconds", 300));
    String password =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("give the user's password on standard input");
    }
    PasswordConfig hashing =
        Config.load(Path.of(required(o, "--config")), System.getenv()).password();
    LoadClient client =
        new LoadClient(
            loopback(URI.create(required(o, "--url"))),
            o.containsKey("--jdbc-url") ? loopback(URI.create(o.get("--jdbc-url"))) : null,
            o.getOrDefault("--user", "bench"),
            password,
            clients,
            // Keycloak's direct grant takes a form of its own: both sides get the Java client.
            o.getOrDefault("--client", "wrk").equals("java") || o.containsKey("--keycloak")
                ? Optional.empty()
                : Wrk.onPath(),
            Duration.ofSeconds(number(o, "--block-seconds", 3)),
            Duration.ofSeconds(number(o, "--warmup-seconds", 10)),
            o.containsKey("--metrics-url")
                ? Optional.of(loopback(URI.create(o.get("--metrics-url"))))
                : Optional.empty());
    Load load = new Load(clients, deadline);
    System.out.printf(
        Locale.ROOT,
        "idbridge load: %s, %d concurrent clients (%s), %d cores, argon2id m=%d t=%d p=%d, "
            + "password.maxConcurrent=%d%n",
        client.base,
        clients,
        client.wrk.isPresent()
            ? "wrk; blocks of " + client.block.toSeconds() + " s"
            : "the Java client; " + logins + " logins",
        Runtime.getRuntime().availableProcessors(),
        hashing.argon2MemoryKib(),
        hashing.argon2Iterations(),
        hashing.argon2Parallelism(),
        hashing.maxConcurrentHashes());
    if (o.containsKey("--keycloak")) {
      client.compareWithKeycloak(
          load,
          logins,
          warmup,
          loopback(URI.create(o.get("--keycloak"))),
          o.getOrDefault("--keycloak-client", "bench"));
      report(load);
      return;
    }
    client.compareWithRawHash(load, logins, number(o, "--raw", logins), warmup, hashing);
    if (client.jdbcBase != null) {
      client.compareStates(load, logins, warmup);
    }
    client.mixed(load, number(o, "--mixed", logins / 4));
    report(load);
  }

  /**
   * Logins over HTTP and libargon2's verify alone at the same parameters and concurrency: near 1.0
   * the hash is the whole cost.
   */
  private void compareWithRawHash(Load load, int logins, int raw, int warmup, PasswordConfig p)
      throws InterruptedException, IOException {
    Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    String hash =
        argon2.hash(
            p.argon2Iterations(),
            p.argon2MemoryKib(),
            p.argon2Parallelism(),
            password.toCharArray());
    Load.Operation verify =
        () -> {
          if (!argon2.verify(hash, password.toCharArray())) {
            throw new IllegalStateException("the raw verify did not match");
          }
        };
    Samples direct = new Samples("libargon2 argon2id verify, in-process");
    double ratio;
    double beyond;
    if (wrk.isPresent()) {
      Wrk.Totals http = new Wrk.Totals("POST /api/login (200), wrk");
      ratio = alternateWithWrk(load, http, base, direct, verify);
      beyond = http.p50Millis() - direct.percentileMillis(50);
    } else {
      Samples http = new Samples("POST /api/login (200)");
      ratio =
          alternate(
              load, warmup, http, logins, () -> login(base, password, 200), direct, raw, verify);
      beyond = http.percentileMillis(50) - direct.percentileMillis(50);
    }
    System.out.printf(
        Locale.ROOT,
        "RATIO HTTP login rate / raw argon2id verify rate: %.2f"
            + "  (1.0: the hash is the whole cost; median login beyond the hash: %.1f ms)%n",
        ratio,
        beyond);
    figure("login/native-argon2id", ratio);
  }

  /** The same logins to the server with state.type=jdbc and to the one with memory state. */
  private void compareStates(Load load, int logins, int warmup)
      throws InterruptedException, IOException {
    if (wrk.isPresent()) {
      Wrk.Totals jdbc = new Wrk.Totals("POST /api/login, jdbc state, wrk");
      Wrk.Totals memory = new Wrk.Totals("POST /api/login, memory state, wrk");
      wrkLogins(jdbcBase, wrkWarmup);
      for (int b = 0; b < BLOCKS; b++) {
        jdbc.add(wrkLogins(jdbcBase, block));
        memory.add(wrkLogins(base, block));
      }
      System.out.println(Samples.HEADER);
      System.out.println(jdbc.line());
      System.out.println(memory.line());
      double ratio = jdbc.rate() / memory.rate();
      System.out.printf(
          Locale.ROOT,
          "RATIO login rate with state.type=jdbc / with memory state: %.2f"
              + "  (median difference: %.1f ms)%n",
          ratio,
          jdbc.p50Millis() - memory.p50Millis());
      figure("jdbc/memory-state", ratio);
      return;
    }
    Samples jdbc = new Samples("POST /api/login, jdbc state");
    Samples memory = new Samples("POST /api/login, memory state");
    double ratio =
        alternate(
            load,
            warmup,
            jdbc,
            logins,
            () -> login(jdbcBase, password, 200),
            memory,
            logins,
            () -> login(base, password, 200));
    System.out.printf(
        Locale.ROOT,
        "RATIO login rate with state.type=jdbc / with memory state: %.2f"
            + "  (median difference: %.1f ms)%n",
        ratio,
        jdbc.percentileMillis(50) - memory.percentileMillis(50));
    figure("jdbc/memory-state", ratio);
  }

  /**
   * Our logins and Keycloak's direct grant (OAuth 2.0 password grant) of the same user, each server
   * hashing with its own argon2id.
   */
  private void compareWithKeycloak(Load load, int logins, int warmup, URI tokenUrl, String clientId)
      throws InterruptedException {
    Samples ours = new Samples("POST /api/login (200)");
    Samples keycloak = new Samples("Keycloak direct grant (200)");
    Map<String, String> grant =
        Map.of(
            "grant_type", "password",
            "client_id", clientId,
            "username", user,
            "password", password,
            "scope", "openid");
    double ratio =
        alternate(
            load,
            warmup,
            ours,
            logins,
            () -> login(base, password, 200),
            keycloak,
            logins,
            () -> post(tokenUrl, tokenUrl.getRawPath(), grant, 200));
    System.out.printf(
        Locale.ROOT, "RATIO idbridge login rate / Keycloak login rate: %.2f%n", ratio);
    figure("idbridge/keycloak-login", ratio);
  }

  /**
   * Warms both up, runs them in alternating blocks, prints both and returns the rate of the first
   * over the second's. Alternating blocks meet the same background load on a shared machine; one
   * block each would not.
   */
  private static double alternate(
      Load load,
      int warmup,
      Samples first,
      int firstCount,
      Load.Operation firstOperation,
      Samples second,
      int secondCount,
      Load.Operation secondOperation)
      throws InterruptedException {
    // Warm-ups let the JVMs compile the hot loops before anything is timed.
    load.run(warmup, firstOperation);
    load.run(warmup, secondOperation);
    long firstWall = 0;
    long secondWall = 0;
    for (int block = 0; block < BLOCKS; block++) {
      firstWall += load.run(share(firstCount, block), timed(first, firstOperation));
      secondWall += load.run(share(secondCount, block), timed(second, secondOperation));
    }
    System.out.println(Samples.HEADER);
    System.out.println(first.line(firstWall));
    System.out.println(second.line(secondWall));
    return first.rate(firstWall) / second.rate(secondWall);
  }

  /**
   * Logins by wrk and the raw verify in this process, in alternating blocks of the same length
   * after a warm-up of each; returns the rate of the first over the second's.
   */
  private double alternateWithWrk(
      Load load, Wrk.Totals http, URI server, Samples direct, Load.Operation verify)
      throws InterruptedException, IOException {
    // A fresh server's JIT compiles the login path during its first seconds of load, on the same
    // two cores; the warm-up is not timed, and its rate is printed for what a cold start gives.
    Wrk.Block cold = wrkLogins(server, wrkWarmup);
    System.out.printf(
        Locale.ROOT,
        "warm-up, untimed: %d logins in the first %.0f s of load (%.1f/s)%n",
        cold.requests(),
        cold.nanos() / 1e9,
        cold.requests() / (cold.nanos() / 1e9));
    load.runFor(block, verify);
    double[] hashedBefore = serverHashes();
    long directWall = 0;
    StringBuilder blocks = new StringBuilder("blocks (login/s, raw/s):");
    for (int b = 0; b < BLOCKS; b++) {
      Wrk.Block logins = wrkLogins(server, block);
      http.add(logins);
      int before = direct.count();
      long wall = load.runFor(block, timed(direct, verify));
      directWall += wall;
      blocks.append(
          String.format(
              Locale.ROOT,
              "  %.1f/%.1f",
              logins.requests() / (logins.nanos() / 1e9),
              (direct.count() - before) / (wall / 1e9)));
    }
    System.out.println(blocks);
    double[] hashedAfter = serverHashes();
    if (hashedAfter[0] > hashedBefore[0]) {
      // Tells a slow hash in the server (its memory, its threads) from time spent around the hash.
      System.out.printf(
          Locale.ROOT,
          "hash time, mean: %.2f ms in the server during its blocks, %.2f ms for the raw verify%n",
          (hashedAfter[1] - hashedBefore[1]) / (hashedAfter[0] - hashedBefore[0]) * 1000,
          direct.meanMillis());
    }
    System.out.println(Samples.HEADER);
    System.out.println(http.line());
    System.out.println(direct.line(directWall));
    return http.rate() / direct.rate(directWall);
  }

  /**
   * The server's hash count and seconds so far, from {@code idbridge_password_hash_seconds} on its
   * /metrics; zeros without {@code --metrics-url}.
   */
  private double[] serverHashes() throws IOException {
    double[] totals = new double[2];
    if (metrics.isEmpty()) {
      return totals;
    }
    for (String line : http.send(metrics.get(), "GET", null, null).body().split("\n")) {
      int i =
          line.startsWith("idbridge_password_hash_seconds_count")
              ? 0
              : line.startsWith("idbridge_password_hash_seconds_sum") ? 1 : -1;
      if (i >= 0) {
        totals[i] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return totals;
  }

  private Wrk.Block wrkLogins(URI server, Duration duration)
      throws IOException, InterruptedException {
    return wrk.orElseThrow()
        .post(
            server.resolve("/api/login"),
            TestServer.form(Map.of("username", user, "password", password)),
            clients,
            duration);
  }

  /** A line the script collects across server starts. */
  private static void figure(String name, double value) {
    System.out.printf(Locale.ROOT, "FIGURE %s %.3f%n", name, value);
  }

  /** The part of {@code total} that block {@code block} of {@link #BLOCKS} runs. */
  private static int share(int total, int block) {
    return total * (block + 1) / BLOCKS - total * block / BLOCKS;
  }

  private static Load.Operation timed(Samples samples, Load.Operation operation) {
    return () ->
        samples.time(
            () -> {
              operation.run();
              return null;
            });
  }

  /**
   * Rounds of a login, a wrong password and a logout of the new session, each kind timed on its
   * own.
   */
  private void mixed(Load load, int rounds) throws InterruptedException {
    if (rounds <= 0 || load.pastDeadline()) {
      return;
    }
    Samples ok = new Samples("POST /api/login (200)");
    Samples wrong = new Samples("POST /api/login wrong password (401)");
    Samples logout = new Samples("POST /api/logout (200)");
    long wall =
        load.run(
            rounds,
            () -> {
              String token =
                  Json.parse(ok.time(() -> login(base, password, 200))).get("token").asText();
              wrong.time(() -> login(base, password + "-wrong", 401));
              logout.time(
                  () ->
                      post(base, "/api/logout", Map.of(), 200, "Authorization", "Bearer " + token));
            });
    System.out.printf(
        Locale.ROOT,
        "%nmixed: %d rounds of login, wrong password, logout (%.1f rounds/s)%n",
        logout.count(),
        logout.rate(wall));
    System.out.println(Samples.HEADER);
    for (Samples s : List.of(ok, wrong, logout)) {
      System.out.println(s.line(wall));
    }
  }

  private String login(URI server, String pass, int expected) throws IOException {
    return post(server, "/api/login", Map.of("username", user, "password", pass), expected);
  }

  /**
   * The body of a form POST, or an exception naming the path and the status when the status is not
   * expected.
   */
  private String post(
      URI server, String path, Map<String, String> form, int expected, String... headers)
      throws IOException {
    PlainHttp.Response res =
        http.send(
            server.resolve(path),
            "POST",
            "application/x-www-form-urlencoded",
            TestServer.form(form),
            headers);
    if (res.status() != expected) {
      // An error body says what went wrong; a success body would hold a token, which is never
      // printed.
      throw new IllegalStateException(
          "POST "
              + path
              + ": "
              + res.status()
              + " where "
              + expected
              + " was expected"
              + (res.status() >= 400 ? ": " + res.body() : ""));
    }
    return res.body();
  }

  private static void report(Load load) {
    List<String> failures = load.failures();
    if (load.pastDeadline()) {
      System.out.println(
          "\nstopped at the time limit (--max-seconds): the counts above are what was done");
    }
    if (!failures.isEmpty()) {
      System.out.println("\n" + failures.size() + " operations failed; the first:");
      failures.stream().limit(5).forEach(f -> System.out.println("  " + f));
      System.exit(1);
    }
  }

  /** The URL, refused unless its host is this machine: a load test sends traffic nowhere else. */
  static URI loopback(URI url) throws IOException {
    if (url.getHost() == null || !InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "--url must be on this machine (127.0.0.1, ::1), not " + url);
    }
    return url;
  }

  static Map<String, String> options(String[] args) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs: --name value");
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value;
  }

  static int number(Map<String, String> options, String name, int fallback) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
  }
}
