package io.idbridge.directory.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.LoginCheck;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.json.JsonMappers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Users behind a backend's own login API (the integration-service case of VoltMX's custom
 * identity): the credentials are forwarded, and the backend's answer decides, its error code and
 * message passed on.
 */
public final class HttpUserDirectory implements UserDirectory {
  private static final System.Logger LOG = System.getLogger(HttpUserDirectory.class.getName());
  private static final ObjectMapper JSON = JsonMappers.builder().build();

  private final HttpDirectoryConfig config;
  private final HttpClient client;

  public HttpUserDirectory(HttpDirectoryConfig config) {
    this.config = config;
    // A redirect from a login API is a misconfiguration (an SSO page, say): not followed, so it
    // shows.
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public LoginCheck authenticate(String username, String password) {
    return authenticate(username, password, Map.of());
  }

  /**
   * 2xx with a user id at {@code userIdPath} is a login; one of {@code rejectStatuses}, or 2xx
   * without an id, is a rejection with the backend's code and message; anything else is the backend
   * failing (503). Inside a 2xx answer, the status at {@code statusPath} decides as the HTTP status
   * would, and a non-zero {@code opstatus} is no login.
   */
  @Override
  public LoginCheck authenticate(String username, String password, Map<String, String> fields) {
    if (password.isEmpty()) {
      return LoginCheck.rejected();
    }
    HttpResponse<String> res = send(post(config.loginUrl(), sent(username, password, fields)));
    Optional<JsonNode> body = json(res.body());
    int status = res.statusCode();
    if (status / 100 == 2) {
      JsonNode answer =
          body.orElseThrow(
              () ->
                  unavailable(
                      config.loginUrl(),
                      "answered " + res.statusCode() + " with a body that is not JSON"));
      status = config.statusPath().flatMap(p -> number(answer, p)).orElse(status);
    }
    if (status / 100 == 2) {
      boolean failedOperation =
          config.opstatusPath().flatMap(p -> number(body.get(), p)).filter(o -> o != 0).isPresent();
      Optional<String> id = text(body.get(), config.userIdPath());
      if (id.isPresent() && !failedOperation) {
        return LoginCheck.accepted(user(id.get(), username, body.get()));
      }
    } else if (!config.rejectStatuses().contains(status)) {
      throw unavailable(
          config.loginUrl(),
          "answered "
              + res.statusCode()
              + (status == res.statusCode() ? "" : ", " + status + " inside"));
    }
    return LoginCheck.rejected(
        body.flatMap(b -> text(b, config.errorCodePath())).orElse(""),
        body.flatMap(b -> text(b, config.errorMessagePath())).orElse(""));
  }

  /** The credentials under the backend's names, and the login's fields it is to have. */
  private Map<String, String> sent(String username, String password, Map<String, String> fields) {
    Map<String, String> sent = new LinkedHashMap<>();
    sent.put(config.usernameField(), username);
    sent.put(config.passwordField(), password);
    fields.forEach(
        (name, value) -> {
          if (config.forwards(name)) {
            sent.putIfAbsent(name, value);
          }
        });
    return sent;
  }

  /**
   * With {@code userUrl}, the backend's answer for the id, read with the login's paths; without, a
   * user with only the id (the backend offers no lookup, and the id came from its own login).
   */
  @Override
  public Optional<User> findById(String id) {
    if (config.userUrl().isEmpty()) {
      return Optional.of(User.of(id, id, "", "", "", Map.of()));
    }
    URI uri =
        URI.create(
            config
                .userUrl()
                .get()
                .replace(
                    "{id}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")));
    HttpResponse<String> res = send(request(uri).GET());
    if (res.statusCode() == 404) {
      return Optional.empty();
    }
    Optional<JsonNode> body = json(res.body());
    if (res.statusCode() / 100 != 2 || body.isEmpty()) {
      throw unavailable(
          uri, "answered " + res.statusCode() + (body.isEmpty() ? " without JSON" : ""));
    }
    return Optional.of(user(text(body.get(), config.userIdPath()).orElse(id), id, body.get()));
  }

  /** Always empty: a backend's login API is the only way to a user by name. */
  @Override
  public Optional<User> findByUsername(String username) {
    return Optional.empty();
  }

  /**
   * Any answer from the login URL means the backend is up, except a gateway saying what is behind
   * it is not.
   */
  @Override
  public void ping() {
    int status = send(request(config.loginUrl()).GET()).statusCode();
    if (status == 502 || status == 503 || status == 504) {
      throw unavailable(config.loginUrl(), "answered " + status);
    }
  }

  /**
   * Forwards the logout to {@code logoutUrl} as {@code user_id}; our own logout stands whatever the
   * answer.
   */
  @Override
  public void loggedOut(String userId) {
    if (config.logoutUrl().isEmpty()) {
      return;
    }
    try {
      int status = send(post(config.logoutUrl().get(), Map.of("user_id", userId))).statusCode();
      if (status / 100 != 2) {
        LOG.log(
            System.Logger.Level.WARNING,
            "the backend's logout answered " + status + " for user " + userId);
      }
    } catch (DirectoryUnavailableException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "could not forward the logout of user " + userId + ": " + e.getMessage());
    }
  }

  private User user(String id, String username, JsonNode body) {
    Map<String, String> attributes = new LinkedHashMap<>();
    config
        .attributesPath()
        .map(body::at)
        .filter(JsonNode::isObject)
        .ifPresent(
            object ->
                object
                    .properties()
                    .forEach(
                        f ->
                            text(f.getValue(), JsonPointer.empty())
                                .ifPresent(v -> attributes.put(f.getKey(), v))));
    return User.of(
        id,
        username,
        "",
        config.displayNamePath().flatMap(p -> text(body, p)).orElse(""),
        config.emailPath().flatMap(p -> text(body, p)).orElse(""),
        attributes);
  }

  /**
   * The text at a path: a string or number as it is, an object or array as JSON; empty when absent
   * or blank.
   */
  private static Optional<String> text(JsonNode root, JsonPointer path) {
    JsonNode node = root.at(path);
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    String text = node.isValueNode() ? node.asText() : node.toString();
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  /**
   * A whole number at a path, sent as a number or as its digits (the seed's {@code "<200>"} is
   * text).
   */
  private static Optional<Integer> number(JsonNode root, JsonPointer path) {
    JsonNode node = root.at(path);
    if (node.canConvertToInt() && node.isIntegralNumber()) {
      return Optional.of(node.intValue());
    }
    String text = node.isTextual() ? node.asText().strip() : "";
    return text.matches("-?\\d{1,9}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
  }

  private static Optional<JsonNode> json(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private HttpRequest.Builder post(URI uri, Map<String, String> fields) {
    String body;
    String type;
    if (config.format() == HttpDirectoryConfig.Format.JSON) {
      body = JSON.valueToTree(fields).toString();
      type = "application/json";
    } else {
      body =
          fields.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      type = "application/x-www-form-urlencoded";
    }
    return request(uri)
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(config.timeout()).header("Accept", "application/json");
    config.headers().forEach(request::header);
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    try {
      return client.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unavailable(built.uri(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(built.uri(), "interrupted");
    }
  }

  private static DirectoryUnavailableException unavailable(URI uri, String why) {
    // The URI without its query: a backend could take a key there.
    return new DirectoryUnavailableException(
        "login API " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath() + ": " + why,
        null);
  }
}
