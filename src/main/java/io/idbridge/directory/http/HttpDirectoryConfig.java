package io.idbridge.directory.http;

import com.fasterxml.jackson.core.JsonPointer;
import io.idbridge.config.ConfigReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of {@code directory.type=http}, read from {@code directory.http.*}. Paths into the
 * backend's JSON are written dotted ({@code user.id}) or as JSON pointers ({@code /user/id}).
 *
 * @param userIdPath where a successful login's answer has the user's id; no id there means the
 *     login failed
 * @param attributesPath an object whose fields become the user's attributes; empty for none
 * @param statusPath where a 2xx answer may carry the backend's own status (an integration service
 *     answers HTTP 200 with {@code httpStatusCode} inside), which then decides instead; empty for
 *     none
 * @param opstatusPath where a 2xx answer may carry an integration service's {@code opstatus}:
 *     non-zero means no login; empty for none
 * @param rejectStatuses the statuses that mean wrong credentials; any other non-2xx means the
 *     backend failed
 * @param forwardFields the login's other fields forwarded with the credentials; {@code *} for all
 * @param logoutUrl where a logout is forwarded; empty for none
 * @param userUrl a URL with {@code {id}} answering a user's JSON, for lookups by id; empty for none
 * @param headers sent with every request (an API key, say); secret
 */
public record HttpDirectoryConfig(
    URI loginUrl,
    Format format,
    String usernameField,
    String passwordField,
    JsonPointer userIdPath,
    Optional<JsonPointer> displayNamePath,
    Optional<JsonPointer> emailPath,
    Optional<JsonPointer> attributesPath,
    JsonPointer errorCodePath,
    JsonPointer errorMessagePath,
    Optional<JsonPointer> statusPath,
    Optional<JsonPointer> opstatusPath,
    Set<Integer> rejectStatuses,
    Set<String> forwardFields,
    Optional<URI> logoutUrl,
    Optional<String> userUrl,
    Duration timeout,
    Map<String, String> headers) {

  private static final String P = "directory.http.";
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Headers the JDK's client sets itself and refuses to take. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** How the credentials are sent. */
  public enum Format {
    FORM,
    JSON
  }

  /**
   * Reads every key; the rules between them are checked only when this is the directory in use.
   *
   * @param used whether {@code directory.type} is {@code http}
   */
  public static HttpDirectoryConfig from(ConfigReader r, boolean used) {
    Optional<URI> login = url(r, "loginUrl");
    Format format = r.choice(P + "format", Format.FORM);
    String usernameField = r.string(P + "usernameField", "username");
    String passwordField = r.string(P + "passwordField", "password");
    JsonPointer userId = path(r, "userIdPath", "user_id").orElse(JsonPointer.compile("/user_id"));
    Optional<JsonPointer> displayName = path(r, "displayNamePath", "");
    Optional<JsonPointer> email = path(r, "emailPath", "");
    Optional<JsonPointer> attributes = path(r, "attributesPath", "");
    JsonPointer errorCode =
        path(r, "errorCodePath", "backend_error_code").orElse(JsonPointer.empty());
    JsonPointer errorMessage =
        path(r, "errorMessagePath", "backend_error_message").orElse(JsonPointer.empty());
    Optional<JsonPointer> status = path(r, "statusPath", "httpStatusCode");
    Optional<JsonPointer> opstatus = path(r, "opstatusPath", "");
    Set<Integer> reject = statuses(r);
    Set<String> forward = Set.copyOf(r.list(P + "forwardFields", ""));
    Optional<URI> logout = url(r, "logoutUrl");
    Optional<String> userUrl = r.optional(P + "userUrl");
    userUrl.ifPresent(
        u -> {
          if (!u.contains("{id}") || url(u.replace("{id}", "x")).isEmpty()) {
            r.problem(
                P + "userUrl", "must be an http(s) URL with {id} where the user's id goes", u);
          }
        });
    Duration timeout =
        r.duration(
            P + "timeout", Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMinutes(5));
    Map<String, String> headers = headers(r);
    if (used && login.isEmpty()) {
      r.problem(P + "loginUrl", "is required when directory.type is http", null);
    }
    return new HttpDirectoryConfig(
        login.orElse(URI.create("http://localhost/")),
        format,
        usernameField,
        passwordField,
        userId,
        displayName,
        email,
        attributes,
        errorCode,
        errorMessage,
        status,
        opstatus,
        reject,
        forward,
        logout,
        userUrl,
        timeout,
        headers);
  }

  /** Whether a login field other than the credentials goes to the backend. */
  public boolean forwards(String field) {
    return forwardFields.contains("*") || forwardFields.contains(field);
  }

  private static Optional<URI> url(ConfigReader r, String name) {
    Optional<String> value = r.optional(P + name);
    Optional<URI> uri = value.flatMap(HttpDirectoryConfig::url);
    if (value.isPresent() && uri.isEmpty()) {
      r.problem(P + name, "must be an http:// or https:// URL", value.get());
    }
    return uri;
  }

  private static Optional<URI> url(String value) {
    try {
      URI uri = new URI(value);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return web && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** A dotted path ({@code user.id}, {@code users.0.id}) or a JSON pointer ({@code /user/id}). */
  private static Optional<JsonPointer> path(ConfigReader r, String name, String defaultValue) {
    String value = r.string(P + name, defaultValue);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonPointer.compile(value.startsWith("/") ? value : dotted(value)));
    } catch (IllegalArgumentException e) {
      r.problem(
          P + name,
          "must be a dotted path such as user.id or a JSON pointer such as /user/id",
          value);
      return Optional.empty();
    }
  }

  private static String dotted(String path) {
    StringBuilder pointer = new StringBuilder();
    for (String segment : path.split("\\.", -1)) {
      // RFC 6901 §3: '~' and '/' inside a name are written ~0 and ~1.
      pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  private static Set<Integer> statuses(ConfigReader r) {
    Set<Integer> statuses = new java.util.TreeSet<>();
    for (String s : r.list(P + "rejectStatuses", "401,403")) {
      try {
        int status = Integer.parseInt(s);
        if (status < 400 || status > 499) {
          throw new NumberFormatException();
        }
        statuses.add(status);
      } catch (NumberFormatException e) {
        r.problem(P + "rejectStatuses", "must be a list of 4xx statuses", s);
      }
    }
    return Set.copyOf(statuses);
  }

  /** {@code Name: value} pairs separated by commas; values are secrets (API keys), never echoed. */
  private static Map<String, String> headers(ConfigReader r) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String pair : r.secret(P + "headers").map(h -> List.of(h.split(","))).orElse(List.of())) {
      int colon = pair.indexOf(':');
      String name = colon < 0 ? pair.trim() : pair.substring(0, colon).trim();
      if (pair.isBlank()) {
        continue;
      }
      if (colon < 0
          || !TOKEN.matcher(name).matches()
          || RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        r.problem(
            P + "headers",
            "each entry must be Name: value, with a header name the client may set",
            null);
        continue;
      }
      headers.put(name, pair.substring(colon + 1).trim());
    }
    return Map.copyOf(headers);
  }
}
