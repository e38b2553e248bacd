package io.idbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a local port to a real database, which a test stops (every connection cut, the
 * port refusing) and starts again on the same port: a database outage and its end, without touching
 * the database.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

  private TcpProxy(InetSocketAddress target, int port) {
    this.target = target;
    this.port = port;
  }

  /** A proxy on a free port, not yet listening. */
  public static TcpProxy to(InetSocketAddress target) {
    try (ServerSocket probe = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      return new TcpProxy(target, probe.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public synchronized void start() {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
      listener = s;
      daemon(() -> accept(s));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the port and cuts every forwarded connection. */
  public synchronized void stop() {
    quietly(listener);
    listener = null;
    for (Socket s : open) {
      quietly(s);
    }
    open.clear();
  }

  @Override
  public void close() {
    stop();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket server = new Socket();
        open.add(client);
        open.add(server);
        try {
          server.connect(target, 5000);
        } catch (IOException e) {
          quietly(client);
          quietly(server);
          continue;
        }
        daemon(() -> pump(client, server));
        daemon(() -> pump(server, client));
      } catch (IOException e) {
        return; // stopped
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // One side closed: close both below.
    } finally {
      quietly(from);
      quietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "tcp-proxy");
    t.setDaemon(true);
    t.start();
  }

  private static void quietly(java.io.Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }
}
