package io.idbridge.directory;

import io.idbridge.config.ConfigReader;
import java.nio.file.Path;

/** Which user store to use, and its settings. */
public record DirectoryConfig(Type type, Path filePath) {

  public enum Type {
    FILE
  }

  public static DirectoryConfig from(ConfigReader r) {
    Type type = r.choice("directory.type", Type.FILE);
    Path file = r.path("directory.file.path", "conf/users.json");
    return new DirectoryConfig(type, file);
  }
}
