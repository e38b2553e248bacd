package io.idbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain socket client for the requests {@code java.net.http} will not send: a bad chunk size, a
 * truncated or stalled body, an unknown or lower-case method, a doubled slash, several lines of one
 * header. It writes bytes exactly as given and reads one response to the end of the connection.
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;

  private RawHttp(Socket socket) {
    this.socket = socket;
  }

  /** A connection to the server of a base URI such as {@code http://127.0.0.1:1234/}. */
  public static RawHttp connect(URI base) {
    try {
      Socket socket = new Socket(base.getHost(), base.getPort());
      // A bound, not a timing: a test that gets no answer fails instead of hanging.
      socket.setSoTimeout(60_000);
      return new RawHttp(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client over a socket already open, for a caller that writes to it itself. */
  public static RawHttp over(Socket socket) {
    return new RawHttp(socket);
  }

  /** Sends a request in one go and reads its response; {@code \n} in the text is sent as CRLF. */
  public static Response exchange(URI base, String request) {
    try (RawHttp http = connect(base)) {
      http.send(request);
      return http.response();
    }
  }

  public RawHttp send(String text) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(
          text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends raw bytes as they are (a body in another charset, say). */
  public RawHttp sendBytes(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Says that nothing more will be sent, as a client that gave up halfway through a body does. */
  public RawHttp endOutput() {
    try {
      socket.shutdownOutput();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the response: its status line, headers and body (by Content-Length, else to the end). */
  public Response response() {
    try {
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.merge(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
      byte[] body;
      if (headers.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      } else if (status == 204 || status == 304) {
        body = new byte[0];
      } else {
        body = in.readAllBytes();
      }
      return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed before a response: " + head);
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1).strip();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One response; header names in lower case, repeated ones joined with commas. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode json() {
      return Json.parse(body);
    }
  }
}
