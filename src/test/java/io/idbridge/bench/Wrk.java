package io.idbridge.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * wrk (Debian's package) as the HTTP load of one block of a comparison: written in C with one event
 * loop a thread, it leaves the two cores to the server it measures, where a Java client on the same
 * machine costs a few per cent of them and compiles its own code meanwhile.
 */
final class Wrk {
  /** One run: answers, seconds, and wrk's latency percentiles. */
  record Block(long requests, long nanos, double p50Millis, double p99Millis) {}

  /** The blocks of one kind of load, summed, as a line under {@link Samples#HEADER}. */
  static final class Totals {
    private final String name;
    private long requests;
    private long nanos;
    private double p50Sum;
    private double worstP99;

    Totals(String name) {
      this.name = name;
    }

    void add(Block block) {
      requests += block.requests();
      nanos += block.nanos();
      p50Sum += block.p50Millis() * block.requests();
      worstP99 = Math.max(worstP99, block.p99Millis());
    }

    double rate() {
      return requests / (nanos / 1e9);
    }

    /** The blocks' medians, weighted by their answers. */
    double p50Millis() {
      return p50Sum / requests;
    }

    /** wrk gives no p95; p99 is the worst block's. */
    String line() {
      return String.format(
          Locale.ROOT,
          "%-38s %6d %7.1f s %7.1f/s %6.1f ms %9s %6.1f ms",
          name,
          requests,
          nanos / 1e9,
          rate(),
          p50Millis(),
          "-",
          worstP99);
    }
  }

  private final Path executable;

  private Wrk(Path executable) {
    this.executable = executable;
  }

  /** wrk from the PATH, if it is installed. */
  static Optional<Wrk> onPath() {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
      if (Files.isExecutable(candidate)) {
        return Optional.of(new Wrk(candidate));
      }
    }
    return Optional.empty();
  }

  /**
   * POSTs the form to the URL from as many keep-alive connections, one a thread, for whole seconds;
   * throws when any answer was not a 2xx or a socket failed.
   */
  Block post(URI url, String form, int connections, Duration duration)
      throws IOException, InterruptedException {
    // A form is URL-encoded: nothing in it can end a Lua string.
    if (!form.matches("[A-Za-z0-9%&=._*+-]*")) {
      throw new IllegalArgumentException("the form body is not URL-encoded");
    }
    Path script =
        Files.createTempFile(
            "idbridge-wrk",
            ".lua",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(
          script,
          String.join(
              "\n",
              "wrk.method = \"POST\"",
              "wrk.body = \"" + form + "\"",
              "wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"",
              "done = function(summary, latency, requests)",
              "  local e = summary.errors",
              "  io.write(string.format(\"WRK %d %d %d %d %d\\n\", summary.requests,"
                  + " summary.duration, e.status + e.connect + e.read + e.write + e.timeout,"
                  + " latency:percentile(50), latency:percentile(99)))",
              "end",
              ""),
          StandardCharsets.UTF_8);
      long seconds = Math.max(1, Math.round(duration.toMillis() / 1000.0));
      Process wrk =
          new ProcessBuilder(
                  List.of(
                      executable.toString(),
                      "-t" + connections,
                      "-c" + connections,
                      "-d" + seconds + "s",
                      "--timeout",
                      "30s",
                      "-s",
                      script.toString(),
                      url.toString()))
              .redirectErrorStream(true)
              .start();
      String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!wrk.waitFor(seconds + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
        wrk.destroyForcibly();
        throw new IOException("wrk failed: " + out);
      }
      return parse(out);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static Block parse(String out) throws IOException {
    for (String line : out.split("\n")) {
      if (line.startsWith("WRK ")) {
        String[] f = line.trim().split(" ");
        long requests = Long.parseLong(f[1]);
        long errors = Long.parseLong(f[3]);
        if (errors > 0 || requests == 0) {
          throw new IOException(
              errors + " of " + requests + " wrk requests failed or were not 2xx: " + out);
        }
        return new Block(
            requests,
            TimeUnit.MICROSECONDS.toNanos(Long.parseLong(f[2])),
            Long.parseLong(f[4]) / 1000.0,
            Long.parseLong(f[5]) / 1000.0);
      }
    }
    throw new IOException("no summary from wrk: " + out);
  }
}
