package io.idbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.idbridge.testing.LogLines;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The access log line: id, method, path, status and the time to the microsecond. */
class AccessLogFilterTest {

  @Test
  void aLineHasTheTimeInMillisecondsWithThreeDecimals() {
    try (LogLines log = LogLines.capture()) {
      AccessLogFilter.log("id-1", "POST", "/api/login", 200, 21_005_900);
      AccessLogFilter.log("id-2", "GET", "/health", 404, 1_050_000);
      AccessLogFilter.log("id-3", "GET", "/", 500, 999);
      AccessLogFilter.log("id-4", "GE\nT", "/x", 405, 12_345_000_000L);
      assertEquals(
          List.of(
              "id-1 POST /api/login 200 21.005ms",
              "id-2 GET /health 404 1.050ms",
              "id-3 GET / 500 0.000ms",
              "id-4 GE?T /x 405 12345.000ms"),
          log.records().stream()
              .filter(r -> r.getLoggerName().equals("io.idbridge.access"))
              .map(LogRecord::getMessage)
              .toList());
    }
  }
}
