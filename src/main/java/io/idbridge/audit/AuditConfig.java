package io.idbridge.audit;

import io.idbridge.config.ConfigReader;
import io.idbridge.state.StateConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where audit events go.
 *
 * @param maxBytes a file past this size is rotated
 * @param keep how many rotated files are kept
 */
public record AuditConfig(Sink sink, Path file, long maxBytes, int keep) {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,10})\\s*(|b|kb|kib|mb|mib|gb|gib)", Pattern.CASE_INSENSITIVE);
  private static final long DEFAULT_MAX = 10L << 20;

  public enum Sink {
    LOG,
    FILE,
    JDBC,
  }

  public static AuditConfig from(ConfigReader r, StateConfig state) {
    Sink sink = r.choice("audit.sink", Sink.LOG);
    if (sink == Sink.JDBC && state.type() != StateConfig.Type.JDBC) {
      r.problem(
          "audit.sink", "jdbc writes to the state database: it needs state.type=jdbc", "jdbc");
    }
    Path file = r.path("audit.file", "logs/audit.log");
    String size = r.string("audit.file.maxSize", "10MB");
    long maxBytes = bytes(size);
    if (maxBytes < 4096 || maxBytes > (1L << 40)) {
      r.problem("audit.file.maxSize", "must be a size from 4KB to 1TB, such as 10MB", size);
      maxBytes = DEFAULT_MAX;
    }
    int keep = r.integer("audit.file.keep", 5, 1, 1000);
    return new AuditConfig(sink, file, maxBytes, keep);
  }

  /** A size such as {@code 10MB} (binary units: 1KB = 1024 bytes), or -1 when it is not one. */
  private static long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      return -1;
    }
    int shift =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "kb", "kib" -> 10;
          case "mb", "mib" -> 20;
          case "gb", "gib" -> 30;
          default -> 0;
        };
    return Long.parseLong(m.group(1)) << shift;
  }
}
