package io.idbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {
  private static final String NL = System.lineSeparator();

  @Test
  void aLineIsTheUtcTimeToTheMillisecondTheLevelTheLoggerAndTheMessage() {
    LogRecord record = new LogRecord(Level.WARNING, "user {0} refused");
    record.setLoggerName("io.idbridge.access");
    record.setParameters(new Object[] {"alice"});
    record.setInstant(Instant.parse("2026-12-04T18:06:48.005123Z"));
    assertEquals(
        "2026-12-04T18:06:48.005Z WARNING io.idbridge.access user alice refused" + NL,
        new LogLineFormatter().format(record));
  }

  @Test
  void aThrowableFollowsOnTheNextLines() {
    LogRecord record = new LogRecord(Level.SEVERE, "failed");
    record.setLoggerName("x");
    record.setInstant(Instant.parse("2026-01-01T00:00:00Z"));
    record.setThrown(new IllegalStateException("boom"));
    String text = new LogLineFormatter().format(record);
    assertTrue(
        text.startsWith(
            "2026-01-01T00:00:00.000Z SEVERE x failed"
                + NL
                + "java.lang.IllegalStateException: boom"
                + NL
                + "\tat "),
        text);
    assertTrue(text.endsWith(NL) && !text.endsWith(NL + NL), text);
  }
}
