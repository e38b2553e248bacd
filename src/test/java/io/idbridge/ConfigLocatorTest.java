package io.idbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rule for where the configuration comes from, for the command line and the WAR alike. */
class ConfigLocatorTest {
  @TempDir Path dir;

  Path file(String name, int port) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, "server.port=" + port + "\n");
    return f;
  }

  @Test
  void theConfigOptionWinsOverTheEnvironment() throws Exception {
    Path option = file("option.properties", 8101);
    Path env = file("env.properties", 8102);
    Config c =
        ConfigLocator.forCommandLine(
            Optional.of(option.toString()), Map.of("IDBRIDGE_CONFIG", env.toString()));
    assertEquals(8101, c.server().port());
  }

  @Test
  void theEnvironmentNamesTheFileForTheCommandLineAndTheWarAlike() throws Exception {
    Path env = file("env.properties", 8103);
    Path context = file("context.properties", 8104);
    Map<String, String> vars = Map.of("IDBRIDGE_CONFIG", env.toString());
    assertEquals(8103, ConfigLocator.forCommandLine(Optional.empty(), vars).server().port());
    assertEquals(8103, ConfigLocator.forWebapp(context.toString(), vars).server().port());
  }

  @Test
  void aWarWithoutAnythingNamedReadsItsContextParameterElseTheDefaults() throws Exception {
    Path context = file("context.properties", 8105);
    assertEquals(8105, ConfigLocator.forWebapp(context.toString(), Map.of()).server().port());
    assertEquals("(embedded defaults)", ConfigLocator.forWebapp(null, Map.of()).source());
  }

  @Test
  void aNamedFileThatIsMissingStopsStartUp() {
    String missing = dir.resolve("missing.properties").toString();
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLocator.forCommandLine(Optional.of(missing), Map.of()));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertThrows(
        ConfigException.class,
        () -> ConfigLocator.forWebapp(null, Map.of("IDBRIDGE_CONFIG", missing)));
  }
}
