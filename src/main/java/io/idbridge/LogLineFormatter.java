package io.idbridge;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code java -jar}'s log format, one line a record: the UTC time to the millisecond, the level,
 * the logger and the message, then any stack trace. Built without {@code String.format}, which
 * {@code SimpleFormatter} calls for every line: two lines a login made it one of the largest things
 * the JIT compiled in a fresh server's first seconds of logins.
 */
final class LogLineFormatter extends Formatter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  /** On the root logger's handlers, unless the JVM was given a logging configuration. */
  static void install() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null
        || System.getProperty("java.util.logging.SimpleFormatter.format") != null) {
      return;
    }
    LogManager.getLogManager(); // reads the JDK's defaults first, which would replace ours
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.setFormatter(new LogLineFormatter());
    }
  }

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(160);
    TIME.formatTo(record.getInstant(), line);
    line.append(' ').append(record.getLevel().getName());
    line.append(' ').append(record.getLoggerName());
    line.append(' ').append(formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
    }
    return line.append(System.lineSeparator()).toString();
  }
}
