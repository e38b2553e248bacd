package io.idbridge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idbridge.json.JsonMappers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a response body: JSON by default, XML when the caller's Accept header prefers it. */
public final class Responses {
  private static final ObjectMapper JSON = JsonMappers.builder().build();

  private Responses() {}

  /**
   * Writes a tree of maps, lists and scalars with a status; {@code setStatus}, never {@code
   * sendError}.
   */
  public static void write(
      HttpServletRequest req, HttpServletResponse res, int status, Map<String, ?> tree)
      throws IOException {
    if (Requests.prefersXml(req)) {
      send(
          res,
          status,
          "application/xml;charset=UTF-8",
          XmlTree.toXml(tree).getBytes(StandardCharsets.UTF_8));
    } else {
      writeJson(res, status, tree);
    }
  }

  /** Writes JSON whatever the Accept header says: for platforms that parse nothing else. */
  public static void writeJson(HttpServletResponse res, int status, Map<String, ?> tree)
      throws IOException {
    send(res, status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(tree));
  }

  private static void send(HttpServletResponse res, int status, String type, byte[] body)
      throws IOException {
    res.setContentType(type);
    res.setStatus(status);
    res.setHeader("Cache-Control", "no-store");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }

  /** Writes an error in the given contract's shape, with the request id. */
  public static void error(
      HttpServletRequest req, HttpServletResponse res, ErrorShape shape, ErrorReply error)
      throws IOException {
    if (res.isCommitted()) {
      return;
    }
    res.resetBuffer();
    keepConnectionUsable(req, res);
    error
        .retryAfter()
        .ifPresent(
            wait -> res.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
    Map<String, Object> body = new LinkedHashMap<>(shape.body(error, RequestIds.of(req)));
    body.putAll(error.fields());
    if (shape.allowsXml()) {
      write(req, res, shape.status(error), body);
    } else {
      writeJson(res, shape.status(error), body);
    }
  }

  /**
   * A body left unread, or read only in part, would be taken for the next request on the
   * connection: tell the client to close it instead.
   */
  private static void keepConnectionUsable(HttpServletRequest req, HttpServletResponse res) {
    if (!RequestBody.consumed(req) || RequestBody.failure(req).isPresent()) {
      res.setHeader("Connection", "close");
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
