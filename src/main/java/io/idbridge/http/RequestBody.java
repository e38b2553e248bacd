package io.idbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request's fields, from a form or a JSON object body plus the query string, read once and within
 * the size limit. Lenient on Content-Type on purpose: platforms send form bodies with odd or
 * missing types.
 */
public final class RequestBody {
  static final String LIMIT_ATTRIBUTE = "idbridge.maxBodyBytes";
  private static final String ATTRIBUTE = "idbridge.body";

  private final Map<String, Object> fields;

  private RequestBody(Map<String, Object> fields) {
    this.fields = fields;
  }

  /**
   * The request's fields; the body wins over the query string. Throws {@link HttpError} 400 or 413.
   */
  public static RequestBody of(HttpServletRequest req) throws IOException {
    Object cached = req.getAttribute(ATTRIBUTE);
    if (cached instanceof RequestBody body) {
      return body;
    }
    RequestBody body =
        parse(
            req.getQueryString(),
            req.getContentType(),
            new String(read(req), StandardCharsets.UTF_8));
    req.setAttribute(ATTRIBUTE, body);
    return body;
  }

  /**
   * The fields of a query string (may be null) and a body: JSON when the type says so or the body
   * starts with a brace, else a form.
   */
  static RequestBody parse(String query, String contentType, String body) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (query != null) {
      fields.putAll(form(query));
    }
    String text = body.strip();
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (!text.isEmpty()) {
      if (type.contains("json") || text.startsWith("{")) {
        fields.putAll(json(text));
      } else {
        fields.putAll(form(text));
      }
    }
    return new RequestBody(fields);
  }

  /** A field as text: a JSON number or boolean is written out; an object or array is not text. */
  public Optional<String> text(String name) {
    Object v = fields.get(name);
    if (v == null || v instanceof Map || v instanceof java.util.List) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(v));
  }

  /** A field that must be present and not blank, else 400 naming it. */
  public String required(String name) {
    return text(name)
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> new HttpError(ErrorReply.badRequest("missing parameter: " + name)));
  }

  public Map<String, Object> fields() {
    return fields;
  }

  static int limit(HttpServletRequest req) {
    Object limitAttr = req.getAttribute(LIMIT_ATTRIBUTE);
    return limitAttr instanceof Integer i ? i : 65536;
  }

  private static byte[] read(HttpServletRequest req) throws IOException {
    int limit = limit(req);
    // Not closed here: the container owns the stream.
    InputStream in = req.getInputStream();
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw tooLarge(limit);
    }
    return bytes;
  }

  static HttpError tooLarge(int limit) {
    return new HttpError(
        413, "payload_too_large", "the request body is larger than " + limit + " bytes");
  }

  private static Map<String, Object> json(String text) {
    try {
      JsonNode node = Responses.json().readTree(text);
      if (node == null || !node.isObject()) {
        throw new HttpError(ErrorReply.badRequest("the body must be a JSON object"));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = Responses.json().convertValue(node, LinkedHashMap.class);
      return map;
    } catch (JsonProcessingException e) {
      throw new HttpError(ErrorReply.badRequest("the body is not valid JSON"));
    }
  }

  private static Map<String, Object> form(String text) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        map.putIfAbsent(key, value);
      } catch (IllegalArgumentException e) {
        throw new HttpError(ErrorReply.badRequest("the form body is not valid URL encoding"));
      }
    }
    return map;
  }
}
