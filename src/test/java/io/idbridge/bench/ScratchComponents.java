package io.idbridge.bench;

import io.idbridge.Components;
import io.idbridge.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The core as the server builds it, with its keys and users file in a temporary directory that
 * {@link #close} deletes: what each in-process benchmark measures against.
 */
final class ScratchComponents implements AutoCloseable {
  private final Path dir;
  private final Components components;

  /** The defaults, plus {@code properties}. */
  ScratchComponents(Map<String, String> properties) throws IOException {
    dir = Files.createTempDirectory("idbridge-bench");
    Map<String, String> all = new HashMap<>(properties);
    all.put("keys.dir", dir.resolve("keys").toString());
    all.put("directory.file.path", dir.resolve("users.json").toString());
    components = Components.build(Config.read("bench", all, Map.of()), Clock.systemUTC());
  }

  Components get() {
    return components;
  }

  @Override
  public void close() throws IOException {
    components.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
