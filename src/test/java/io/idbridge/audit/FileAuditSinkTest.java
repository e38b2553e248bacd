package io.idbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditSinkTest {
  @TempDir Path dir;

  static AuditEvent event() {
    return new AuditEvent(
        Instant.EPOCH,
        AuditEvent.Kind.LOGOUT,
        "rid",
        "api",
        "u1",
        null,
        "127.0.0.1",
        AuditEvent.Outcome.SUCCESS,
        null);
  }

  @Test
  void appendsOneLinePerEventToWhatTheFileHeldBefore() throws Exception {
    Path file = dir.resolve("logs/audit.log");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"old\":1}\n");
    try (FileAuditSink sink = new FileAuditSink(file, 1 << 20, 3)) {
      sink.write(event(), "{\"n\":1}");
      sink.write(event(), "{\"n\":2}");
    }
    assertEquals(List.of("{\"old\":1}", "{\"n\":1}", "{\"n\":2}"), Files.readAllLines(file));
  }

  @Test
  void aFileThatWouldPassItsSizeIsRotatedKeepingTheConfiguredNumber() throws Exception {
    Path file = dir.resolve("audit.log");
    String line = "x".repeat(99); // 100 bytes with its newline
    try (FileAuditSink sink = new FileAuditSink(file, 250, 2)) {
      for (int i = 0; i < 7; i++) {
        sink.write(event(), line.substring(1) + i);
      }
    }
    // 7 lines, 2 a file: .2 holds lines 2-3, .1 lines 4-5, the file 6; lines 0-1 were dropped.
    assertEquals(List.of(line.substring(1) + 6), Files.readAllLines(file));
    assertEquals(
        List.of(line.substring(1) + 4, line.substring(1) + 5),
        Files.readAllLines(dir.resolve("audit.log.1")));
    assertEquals(
        List.of(line.substring(1) + 2, line.substring(1) + 3),
        Files.readAllLines(dir.resolve("audit.log.2")));
    assertFalse(Files.exists(dir.resolve("audit.log.3")));
    assertTrue(Files.size(file) <= 250);
  }
}
