package io.idbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditConfigTest {
  @Test
  void sizesTakeBinaryUnits() {
    assertEquals(
        5L << 20,
        Config.read("f", Map.of("audit.file.maxSize", "5MB"), Map.of()).audit().maxBytes());
    assertEquals(
        64L << 10,
        Config.read("f", Map.of("audit.file.maxSize", "64 KiB"), Map.of()).audit().maxBytes());
  }

  @Test
  void aSizeThatIsNoneStopsStartUpNamingTheKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Config.read("f", Map.of("audit.file.maxSize", "ten"), Map.of()));
    assertTrue(
        e.getMessage().contains("f: audit.file.maxSize: must be a size from 4KB to 1TB"),
        e.getMessage());
  }

  @Test
  void theJdbcSinkNeedsTheStateDatabase() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> Config.read("f", Map.of("audit.sink", "jdbc"), Map.of()));
    assertTrue(
        e.getMessage().contains("f: audit.sink: jdbc writes to the state database"),
        e.getMessage());
  }
}
