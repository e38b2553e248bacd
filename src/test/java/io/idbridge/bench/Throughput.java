package io.idbridge.bench;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GETs of one URL on this machine from C keep-alive connections for S seconds; prints the rate of
 * 200 answers (requests/s), and fails if any answer was not 200. What {@code bench/load.sh} uses
 * where wrk is not installed: written in Java, it costs the client more CPU than wrk, so on a small
 * machine it reports a lower floor.
 *
 * <pre>Throughput URL CONNECTIONS SECONDS [HEADER VALUE]</pre>
 */
public final class Throughput {
  private Throughput() {}

  public static void main(String[] args) throws Exception {
    URI url = LoadClient.loopback(URI.create(args[0]));
    int connections = Integer.parseInt(args[1]);
    long seconds = Long.parseLong(args[2]);
    String[] header = args.length == 5 ? new String[] {args[3], args[4]} : new String[0];
    PlainHttp http = new PlainHttp();
    AtomicLong ok = new AtomicLong();
    AtomicLong other = new AtomicLong();
    // A warm-up second first, then the counted stretch.
    for (int round = 0; round < 2; round++) {
      ok.set(0);
      long stretch = round == 0 ? 1 : seconds;
      Load load = new Load(connections, System.nanoTime() + TimeUnit.SECONDS.toNanos(stretch));
      long wall =
          load.run(
              Integer.MAX_VALUE,
              () -> {
                int status = http.send(url, "GET", null, null, header).status();
                (status == 200 ? ok : other).incrementAndGet();
              });
      if (round == 1) {
        System.out.printf(Locale.ROOT, "%.1f%n", ok.get() / (wall / 1e9));
      }
    }
    if (other.get() > 0) {
      System.err.println(other.get() + " answers were not 200 from " + url);
      System.exit(1);
    }
  }
}
