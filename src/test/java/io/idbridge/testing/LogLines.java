package io.idbridge.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The log records made while it is open, from every logger of this JVM. */
public final class LogLines extends Handler implements AutoCloseable {
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogLines() {}

  public static LogLines capture() {
    LogLines lines = new LogLines();
    Logger.getLogger("").addHandler(lines);
    return lines;
  }

  /** Each record as one line: logger, message and what was thrown, if anything. */
  public List<String> lines() {
    return records.stream()
        .map(r -> r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown())
        .toList();
  }

  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public void publish(LogRecord r) {
    records.add(r);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
