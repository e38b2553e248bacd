package io.idbridge.testing;

import io.idbridge.Components;
import io.idbridge.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's components without a server, for unit tests of the core: cheap hashes, shared keys.
 */
public final class TestComponents {
  private TestComponents() {}

  /**
   * @param dir where the users file goes
   * @param settings keys that replace or add to the cheap test defaults
   */
  public static Components build(Path dir, Clock clock, Map<String, String> settings) {
    Map<String, String> props = new HashMap<>(TestServer.CHEAP);
    props.put("keys.dir", SharedKeys.dir().toString());
    props.put("directory.file.path", dir.resolve("users.json").toString());
    props.putAll(settings);
    return Components.build(Config.read("test", props, Map.of()), clock);
  }
}
