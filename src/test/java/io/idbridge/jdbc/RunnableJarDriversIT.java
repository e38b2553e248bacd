package io.idbridge.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar ships both JDBC drivers, each registered: their service files are merged, not
 * overwritten.
 */
class RunnableJarDriversIT {

  @Test
  void theJarRegistersThePostgresqlAndMariadbDrivers() throws Exception {
    URL jar = Path.of("target/idbridge.jar").toUri().toURL();
    // The platform loader as parent: only what the jar itself holds is found.
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
      List<String> drivers = new ArrayList<>();
      for (Driver d : ServiceLoader.load(Driver.class, loader)) {
        drivers.add(d.getClass().getName());
      }
      assertTrue(drivers.contains("org.postgresql.Driver"), drivers.toString());
      assertTrue(drivers.contains("org.mariadb.jdbc.Driver"), drivers.toString());
      assertTrue(loader.loadClass("com.zaxxer.hikari.HikariDataSource") != null);
    }
  }
}
