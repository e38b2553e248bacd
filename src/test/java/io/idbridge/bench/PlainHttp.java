package io.idbridge.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A blocking HTTP/1.1 client over keep-alive connections, which it lends to one request at a time:
 * a request costs one write and the reads of its answer on the calling thread. The load shares two
 * cores with the server it measures, and the JDK's HttpClient hands each exchange between its
 * selector thread and an executor: measured here, logins from it reached 0.62 of the raw hash rate
 * where the same server driven by wrk reached 0.9 and more.
 */
final class PlainHttp implements Closeable {
  /** A status and the body, decoded as UTF-8. */
  record Response(int status, String body) {}

  private static final int TIMEOUT_MILLIS = 30_000;

  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

  /**
   * Sends one request and reads its answer. A connection the server closed while it was idle is
   * replaced once, since nothing was answered on it.
   */
  Response send(URI url, String method, String contentType, String body, String... headers)
      throws IOException {
    byte[] request = request(url, method, contentType, body, headers);
    Connection reused = borrow(url);
    if (reused != null) {
      try {
        return finish(reused, reused.exchange(request));
      } catch (EOFException closedWhileIdle) {
        reused.close();
      }
    }
    Connection fresh = new Connection(url);
    return finish(fresh, fresh.exchange(request));
  }

  private Response finish(Connection connection, Answer answer) throws IOException {
    if (answer.keepAlive()) {
      idle.add(connection);
    } else {
      connection.close();
    }
    return answer.response();
  }

  private Connection borrow(URI url) {
    for (Connection c : idle) {
      if (c.serves(url) && idle.remove(c)) {
        return c;
      }
    }
    return null;
  }

  private static byte[] request(
      URI url, String method, String contentType, String body, String... headers) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
    if (body != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    head.append("\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[start.length + content.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(content, 0, all, start.length, content.length);
    return all;
  }

  @Override
  public void close() {
    for (Connection c; (c = idle.poll()) != null; ) {
      c.close();
    }
  }

  private record Answer(Response response, boolean keepAlive) {}

  /** One socket to one server. */
  private static final class Connection {
    private final String host;
    private final int port;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Connection(URI url) throws IOException {
      this.host = url.getHost();
      this.port = url.getPort();
      this.socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      this.out = new BufferedOutputStream(socket.getOutputStream(), 4 * 1024);
    }

    boolean serves(URI url) {
      return host.equals(url.getHost()) && port == url.getPort();
    }

    /**
     * Throws {@link EOFException} when the server closed or reset the connection before answering.
     */
    Answer exchange(byte[] request) throws IOException {
      String status;
      try {
        out.write(request);
        out.flush();
        status = line();
      } catch (SocketException reset) {
        status = null;
      }
      if (status == null) {
        throw new EOFException("closed before an answer");
      }
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP/1.x status line: " + status);
      }
      int code = Integer.parseInt(parts[1]);
      long length = -1;
      boolean chunked = false;
      boolean keepAlive = parts[0].equals("HTTP/1.1");
      for (String header = line(); header != null && !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.endsWith("chunked");
          case "connection" -> keepAlive = !value.contains("close");
          default -> {}
        }
      }
      byte[] body;
      if (code == 204 || code == 304) {
        body = new byte[0];
      } else if (chunked) {
        body = chunked();
      } else if (length >= 0) {
        body = in.readNBytes((int) length);
        if (body.length != length) {
          throw new IOException("the body ended after " + body.length + " of " + length + " bytes");
        }
      } else {
        body = in.readAllBytes();
        keepAlive = false;
      }
      return new Answer(new Response(code, new String(body, StandardCharsets.UTF_8)), keepAlive);
    }

    private byte[] chunked() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String size = line();
        if (size == null) {
          throw new IOException("the chunked body ended early");
        }
        int semicolon = size.indexOf(';');
        int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (n == 0) {
          String trailer; // trailers carry nothing the bench reads
          do {
            trailer = line();
          } while (trailer != null && !trailer.isEmpty());
          return body.toByteArray();
        }
        body.write(in.readNBytes(n));
        line(); // the CRLF after each chunk
      }
    }

    /** A header line without its CRLF, or null at the end of the stream before any byte. */
    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int b = in.read(); ; b = in.read()) {
        if (b < 0) {
          return line.length() == 0 ? null : line.toString();
        }
        if (b == '\n') {
          int end = line.length();
          return line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end);
        }
        line.append((char) b);
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing what the bench no longer needs
      }
    }
  }
}
