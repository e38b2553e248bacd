package io.idbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One keys directory for a whole test run: RSA generation is slow, and every test server may share
 * it.
 */
public final class SharedKeys {
  private static Path dir;

  private SharedKeys() {}

  public static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("idbridge-keys").resolve("keys");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }
}
