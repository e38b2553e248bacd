package io.idbridge.appid;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestIds;
import io.idbridge.http.Responses;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * IBM App ID's token endpoint, where our server exchanges an assertion for App ID's tokens (RFC
 * 7523 §2.1), and how App ID's answers and failures become ours.
 */
public final class AppIdTokenEndpoint {
  private static final System.Logger LOG = System.getLogger(AppIdTokenEndpoint.class.getName());
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final long MAX_ANSWER_BYTES = 64 * 1024;

  // App ID answers a few hundred bytes; an answer announced larger is dropped rather than held in
  // memory.
  private static final HttpResponse.BodyHandler<byte[]> LIMITED =
      info ->
          info.headers().firstValueAsLong("Content-Length").orElse(0) > MAX_ANSWER_BYTES
              ? HttpResponse.BodySubscribers.replacing(new byte[0])
              : HttpResponse.BodySubscribers.ofByteArray();

  private final URI uri;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;

  private AppIdTokenEndpoint(AppIdConfig config) {
    this.uri = config.tokenEndpoint();
    // As curl -u and IBM's samples send them: id and secret as they are, not form-encoded first.
    String credentials = config.clientId().orElseThrow() + ":" + config.secret().orElseThrow();
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    this.timeout = config.timeout();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The endpoint, when App ID's client credentials are configured. */
  public static Optional<AppIdTokenEndpoint> of(AppIdConfig config) {
    return config.exchangeEnabled()
        ? Optional.of(new AppIdTokenEndpoint(config))
        : Optional.empty();
  }

  /**
   * App ID's token response as it came ({@code expires_in} always a number); its refusals as our
   * errors, its rate limit with the {@code Retry-After} it asked for.
   */
  Map<String, Object> exchange(String assertion, String scope) {
    String form =
        "grant_type="
            + encode(GRANT_TYPE)
            + "&assertion="
            + encode(assertion)
            + (scope.isEmpty() ? "" : "&scope=" + encode(scope));
    HttpResponse<byte[]> answer =
        send(
            HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    return AppIdAnswers.read(
        answer.statusCode(), retryAfter(answer.headers()), json(answer.body()));
  }

  /**
   * App ID's {@code Retry-After} in seconds (RFC 9110 §10.2.3), else a second: App ID limits
   * requests per second.
   */
  private static Duration retryAfter(HttpHeaders headers) {
    String value = headers.firstValue("Retry-After").orElse("").strip();
    return Duration.ofSeconds(value.matches("\\d{1,9}") ? Long.parseLong(value) : 1);
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, LIMITED);
    try {
      // The request's own timeout ends at the response headers; this deadline bounds the body as
      // well.
      return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException
          && !(cause instanceof HttpConnectTimeoutException)) {
        throw timedOut();
      }
      LOG.log(
          System.Logger.Level.WARNING,
          RequestIds.current() + " IBM App ID unreachable at " + uri + ": " + cause);
      throw new HttpError(
          503, "appid_unavailable", "IBM App ID cannot be reached; try again shortly");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.cancel(true);
      throw new HttpError(
          503, "appid_unavailable", "the exchange with IBM App ID was interrupted; try again");
    }
  }

  private HttpError timedOut() {
    LOG.log(
        System.Logger.Level.WARNING,
        RequestIds.current() + " IBM App ID did not answer within " + timeout);
    return new HttpError(
        504,
        "appid_timeout",
        "IBM App ID did not answer within " + timeout.toMillis() + " ms; try again shortly");
  }

  /** The answer's JSON object, or an empty one when it is not one. */
  private static Map<String, Object> json(byte[] body) {
    try {
      JsonNode node = Responses.json().readTree(body);
      if (node != null && node.isObject()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Responses.json().convertValue(node, LinkedHashMap.class);
        return map;
      }
    } catch (IOException e) {
      // not JSON: treated as no answer below
    }
    return Map.of();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
