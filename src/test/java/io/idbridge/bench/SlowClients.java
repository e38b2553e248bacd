package io.idbridge.bench;

import io.idbridge.testing.FakeClock;
import io.idbridge.testing.LogLines;
import io.idbridge.testing.RawHttp;
import io.idbridge.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * The slow-client case of {@code bench/slow.sh}: a server on 127.0.0.1 (in this JVM, through the
 * same {@code Main.newServer}), many connections sending a login body a byte at a time, and normal
 * requests meanwhile; it prints how many normal requests were answered within 5 s and how fast,
 * what the slow ones got, and how many SEVERE lines or stack traces the server logged.
 */
public final class SlowClients {
  private SlowClients() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = LoadClient.options(args);
    int slow = LoadClient.number(o, "--slow", 300);
    int normal = LoadClient.number(o, "--normal", 10);
    int bodyTimeout = LoadClient.number(o, "--body-timeout", 10);
    try (LogLines log = LogLines.capture();
        TestServer server =
            TestServer.start(Map.of("http.bodyTimeout", bodyTimeout + "s"), new FakeClock())) {
      server.addUser("bench", "bench-pass", Map.of());
      URI base = server.uri("/");
      if (!"127.0.0.1".equals(base.getHost())) {
        throw new IllegalStateException("refusing to load " + base + ": only 127.0.0.1");
      }
      List<Socket> dribbling = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(slow);
      long started = System.nanoTime();
      for (int i = 0; i < slow; i++) {
        Socket s = new Socket(base.getHost(), base.getPort());
        s.setSoTimeout((bodyTimeout + 30) * 1000);
        s.getOutputStream()
            .write(
                ("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 200\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        dribbling.add(s);
      }
      Thread dribbler = new Thread(() -> dribble(dribbling), "dribbler");
      dribbler.setDaemon(true);
      dribbler.start();
      List<Future<RawHttp.Response>> answers = new ArrayList<>();
      for (Socket s : dribbling) {
        answers.add(pool.submit(() -> read(s)));
      }

      List<Long> millis = new ArrayList<>();
      int answered = 0;
      for (int i = 0; i < normal; i++) {
        long t = System.nanoTime();
        int status =
            i % 2 == 0
                ? server.get("/health").statusCode()
                : server
                    .postForm("/api/login", Map.of("username", "bench", "password", "bench-pass"))
                    .statusCode();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
        millis.add(ms);
        if (status == 200 && ms < 5000) {
          answered++;
        }
      }

      Map<Integer, Integer> slowStatuses = new java.util.TreeMap<>();
      for (Future<RawHttp.Response> a : answers) {
        int status;
        try {
          status = a.get(bodyTimeout + 30L, TimeUnit.SECONDS).status();
        } catch (Exception e) {
          status = 0;
        }
        slowStatuses.merge(status, 1, Integer::sum);
      }
      dribbler.interrupt();
      pool.shutdownNow();
      dribbling.forEach(SlowClients::close);
      Collections.sort(millis);
      long severe =
          log.records().stream()
              .filter(r -> r.getLevel() == Level.SEVERE || r.getThrown() != null)
              .count();
      System.out.printf(
          "%d slow connections (1 byte/s of a 200-byte login body), http.bodyTimeout=%ds%n",
          slow, bodyTimeout);
      System.out.printf(
          "normal requests meanwhile: %d of %d answered 200 within 5 s; p50 %d ms, max %d ms%n",
          answered, normal, millis.get(millis.size() / 2), millis.get(millis.size() - 1));
      System.out.printf(
          "slow connections got (status: count, 0 = no answer): %s, after %d s in all%n",
          slowStatuses, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
      System.out.printf("SEVERE lines or stack traces in the server's log: %d%n", severe);
    }
  }

  /** One byte a second on every connection, until the server answers or closes them. */
  private static void dribble(List<Socket> sockets) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        synchronized (sockets) {
          for (Socket s : sockets) {
            try {
              OutputStream out = s.getOutputStream();
              out.write('a');
              out.flush();
            } catch (IOException closed) {
              // answered and closed by the server: nothing more to send
            }
          }
        }
        Thread.sleep(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static RawHttp.Response read(Socket s) throws IOException {
    return RawHttp.over(s).response();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed by the server
    }
  }
}
