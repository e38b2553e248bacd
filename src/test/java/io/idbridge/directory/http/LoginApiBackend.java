package io.idbridge.directory.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A backend with its own login API, over real HTTP: {@code POST /login} (form or JSON), {@code POST
 * /logout}, {@code GET /users/{id}}, a {@code /slow} login that answers only when the backend
 * closes, a {@code /broken} one that answers 500, and {@code /integration}, a VoltMX integration
 * service's login that answers HTTP 200 with the backend's status inside. It remembers the last
 * request to each path.
 */
public final class LoginApiBackend implements AutoCloseable {
  public static final String API_KEY = "k-123";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE =
      "{\"user\":{\"id\":\"u-1001\",\"name\":\"Alice Liddell\","
          + "\"email\":\"alice@example.org\",\"attributes\":{\"role\":\"admin\",\"level\":3}}}";

  /** What the backend received. */
  public record Received(String contentType, String apiKey, Map<String, String> fields) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<String, Received> last = new ConcurrentHashMap<>();

  public LoginApiBackend() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/login", this::login);
    server.createContext(
        "/logout",
        x -> {
          receive(x);
          answer(x, 200, "{}");
        });
    server.createContext(
        "/users/",
        x -> {
          String id = x.getRequestURI().getPath().substring("/users/".length());
          answer(
              x,
              id.equals("u-1001") ? 200 : 404,
              id.equals("u-1001") ? ALICE : "{\"error\":\"no such user\"}");
        });
    server.createContext(
        "/slow",
        x -> {
          try {
            closing.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(x, 200, ALICE);
        });
    server.createContext("/broken", x -> answer(x, 500, "{\"backend_error_code\":\"DB\"}"));
    server.createContext("/integration", this::integration);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public Received last(String path) {
    return last.get(path);
  }

  private void login(HttpExchange x) throws IOException {
    Received r = receive(x);
    String user = r.fields().getOrDefault("username", r.fields().getOrDefault("login", ""));
    String password = r.fields().getOrDefault("password", r.fields().getOrDefault("secret", ""));
    if (!API_KEY.equals(r.apiKey())) {
      answer(x, 500, "{\"message\":\"no API key\"}");
    } else if (user.equals("alice") && password.equals("alice-pw")) {
      answer(x, 200, ALICE);
    } else if (user.equals("locked")) {
      answer(
          x,
          403,
          "{\"backend_error_code\":\"ACCOUNT_LOCKED\",\"backend_error_message\":\"the account is locked\"}");
    } else if (user.equals("pending")) {
      answer(
          x,
          200,
          "{\"backend_error_code\":\"PENDING\",\"backend_error_message\":\"confirm your e-mail first\"}");
    } else {
      answer(
          x,
          401,
          "{\"backend_error_code\":\"E401\",\"backend_error_message\":\"invalid username or password\"}");
    }
  }

  /**
   * An integration service's login operation: always HTTP 200, the backend's status in {@code
   * httpStatusCode} and the operation's in {@code opstatus} (the seed's "Integration Service
   * response for the failed authentications").
   */
  private void integration(HttpExchange x) throws IOException {
    Received r = receive(x);
    String user = r.fields().getOrDefault("username", "");
    String password = r.fields().getOrDefault("password", "");
    if (user.equals("alice") && password.equals("alice-pw")) {
      answer(x, 200, ALICE.replace("{\"user\"", "{\"opstatus\":0,\"httpStatusCode\":200,\"user\""));
    } else if (user.equals("down")) {
      answer(
          x,
          200,
          "{\"opstatus\":8009,\"httpStatusCode\":500,"
              + "\"errmsg\":\"Request unsuccessful for service login, server responded with status code 500\"}");
    } else if (user.equals("halfway")) {
      answer(
          x, 200, "{\"opstatus\":1011,\"user\":{\"id\":\"u-2002\"},\"backend_error_code\":\"77\"}");
    } else {
      answer(
          x,
          200,
          "{\"backend_error_message\":\"backendErrorMessage\",\"opstatus\":8009,"
              + "\"errmsg\":\"Request unsuccessful for service login, server responded with status code 401\","
              + "\"backend_error_code\":\"123\",\"httpStatusCode\":\"401\"}");
    }
  }

  private Received receive(HttpExchange x) throws IOException {
    String type = x.getRequestHeaders().getFirst("Content-Type");
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> fields = new LinkedHashMap<>();
    if (type != null && type.startsWith("application/json")) {
      JsonNode tree = JSON.readTree(body);
      tree.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
    } else if (!body.isEmpty()) {
      for (String pair : body.split("&")) {
        String[] kv = pair.split("=", 2);
        fields.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
      }
    }
    Received r = new Received(type, x.getRequestHeaders().getFirst("X-Api-Key"), fields);
    last.put(x.getHttpContext().getPath(), r);
    return r;
  }

  private static void answer(HttpExchange x, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (var out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
