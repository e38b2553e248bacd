package io.idbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.mfa.OtpCodes;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's fields, from a form or a JSON object body plus the query string, parsed once from the
 * bytes {@link BodyReadFilter} read. Lenient on Content-Type on purpose: platforms send form bodies
 * with odd or missing types.
 */
public final class RequestBody {
  private static final String BYTES_ATTRIBUTE = "idbridge.bodyBytes";
  private static final String FAILURE_ATTRIBUTE = "idbridge.bodyFailure";
  private static final String ATTRIBUTE = "idbridge.body";

  /**
   * Fields that are secrets: read from the body only. A URL is kept by proxies, access logs and
   * browser histories, so one of these in the query string is refused rather than ignored.
   */
  static final Set<String> BODY_ONLY = Set.of("password", "otp", "mfa_key", "mfa_Key", "mfa_token");

  /** Why a body could not be read, and the line the log gets for it. */
  record Failure(ErrorReply error, String why) {}

  private final Map<String, Object> fields;
  private final Map<String, Object> bodyFields;

  private RequestBody(Map<String, Object> fields, Map<String, Object> bodyFields) {
    this.fields = fields;
    this.bodyFields = bodyFields;
  }

  /**
   * The request's fields; the body wins over the query string. Throws {@link HttpError} 400 or 415.
   */
  public static RequestBody of(HttpServletRequest req) {
    Object cached = req.getAttribute(ATTRIBUTE);
    if (cached instanceof RequestBody body) {
      return body;
    }
    byte[] bytes = req.getAttribute(BYTES_ATTRIBUTE) instanceof byte[] b ? b : new byte[0];
    RequestBody body = parse(req.getQueryString(), req.getContentType(), bytes);
    req.setAttribute(ATTRIBUTE, body);
    return body;
  }

  /**
   * The fields of a query string (may be null) and a body: JSON when the type says so or the body
   * starts with a brace, else a form in the charset the type names (UTF-8 without one).
   */
  static RequestBody parse(String query, String contentType, byte[] body) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (query != null) {
      Map<String, Object> queryFields = form(query, StandardCharsets.UTF_8);
      for (String name : queryFields.keySet()) {
        if (BODY_ONLY.contains(name)) {
          throw new HttpError(
              ErrorReply.badRequest(
                  name
                      + " must be sent in the request body (a form or a JSON object), never in"
                      + " the URL, which proxies and logs keep"));
        }
      }
      fields.putAll(queryFields);
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    // RFC 8259 §8.1: JSON is UTF-8 whatever the label; a form is in the charset its type names.
    boolean json = type.contains("json");
    Charset charset = json ? StandardCharsets.UTF_8 : charset(type);
    String text = new String(body, charset).strip();
    Map<String, Object> bodyFields = Map.of();
    if (!text.isEmpty()) {
      bodyFields = json || text.startsWith("{") ? json(text) : form(text, charset);
    }
    fields.putAll(bodyFields);
    return new RequestBody(fields, bodyFields);
  }

  /** A field as text: a JSON number or boolean is written out; an object or array is not text. */
  public Optional<String> text(String name) {
    return text(fields, name);
  }

  /** A field of the body only, never of the query string: for a secret whose name is configured. */
  public Optional<String> bodyText(String name) {
    return text(bodyFields, name);
  }

  private static Optional<String> text(Map<String, Object> fields, String name) {
    Object v = fields.get(name);
    if (v == null || v instanceof Map || v instanceof java.util.List) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(v));
  }

  /**
   * A one-time code that must be present and not blank, else 400 naming it; a JSON number gets back
   * the leading zeros it lost ({@link OtpCodes#of}).
   *
   * @param digits {@code mfa.totp.digits}
   */
  public String requiredCode(String name, int digits) {
    return code(name, digits).filter(s -> !s.isBlank()).orElseThrow(() -> missing(name));
  }

  /**
   * A one-time code, if one was sent; a JSON number gets back the leading zeros it lost ({@link
   * OtpCodes#of}).
   *
   * @param digits {@code mfa.totp.digits}
   */
  public Optional<String> code(String name, int digits) {
    return OtpCodes.of(fields.get(name), digits);
  }

  /**
   * A secret whose name is configured, from the body only: in the query string it counts as
   * missing, 400 naming it ({@link #BODY_ONLY} refuses only the fixed names).
   */
  public String requiredInBody(String name) {
    return bodyText(name).filter(s -> !s.isBlank()).orElseThrow(() -> missing(name));
  }

  /** A field that must be present and not blank, else 400 naming it. */
  public String required(String name) {
    return text(name).filter(s -> !s.isBlank()).orElseThrow(() -> missing(name));
  }

  private static HttpError missing(String name) {
    return new HttpError(ErrorReply.badRequest("missing parameter: " + name));
  }

  public Map<String, Object> fields() {
    return fields;
  }

  static void received(HttpServletRequest req, byte[] bytes) {
    req.setAttribute(BYTES_ATTRIBUTE, bytes);
  }

  static void unreadable(HttpServletRequest req, Failure failure) {
    req.setAttribute(FAILURE_ATTRIBUTE, failure);
  }

  static Optional<Failure> failure(HttpServletRequest req) {
    return req.getAttribute(FAILURE_ATTRIBUTE) instanceof Failure f
        ? Optional.of(f)
        : Optional.empty();
  }

  /**
   * Whether the whole body was read, so that nothing of it is left on the connection for the next
   * request to trip over.
   */
  static boolean consumed(HttpServletRequest req) {
    return req.getAttribute(BYTES_ATTRIBUTE) != null;
  }

  static ErrorReply tooLarge(int limit) {
    return new ErrorReply(
        413, "payload_too_large", "the request body is larger than " + limit + " bytes");
  }

  /** The {@code charset} parameter of a (lower-cased) Content-Type; UTF-8 without one. */
  private static Charset charset(String type) {
    for (String parameter : type.split(";")) {
      String p = parameter.strip();
      if (p.startsWith("charset=")) {
        try {
          return Charset.forName(p.substring("charset=".length()).replace("\"", "").strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          throw new HttpError(
              415,
              "unsupported_media_type",
              "the charset of the body's Content-Type is not supported; send UTF-8");
        }
      }
    }
    return StandardCharsets.UTF_8;
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

  private static Map<String, Object> form(String text, Charset charset) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
        map.putIfAbsent(key, value);
      } catch (IllegalArgumentException e) {
        throw new HttpError(ErrorReply.badRequest("the form body is not valid URL encoding"));
      }
    }
    return map;
  }
}
