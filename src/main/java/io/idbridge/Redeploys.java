package io.idbridge;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.bouncycastle.crypto.CryptoServicesRegistrar;

/**
 * What the webapp undoes so that, once undeployed, its class loader can be collected: the container
 * and the JVM outlive it, and so do their threads and registries. Under {@code java -jar} (and in
 * tests) our classes are the application class loader's, which lives as long as the JVM: nothing to
 * undo.
 */
final class Redeploys {
  private static final System.Logger LOG = System.getLogger(Redeploys.class.getName());

  private Redeploys() {}

  /**
   * Bouncy Castle's registrar, when its class is initialised, also stores its default DSA and DH
   * parameters in a thread-local of the thread that loads it: a container thread would then hold
   * our class loader. Loading it here and clearing them at once leaves only the global values.
   */
  static void atStart() {
    CryptoServicesRegistrar.clearThreadProperty(
        CryptoServicesRegistrar.Property.DSA_DEFAULT_PARAMS);
    CryptoServicesRegistrar.clearThreadProperty(CryptoServicesRegistrar.Property.DH_DEFAULT_PARAMS);
  }

  /** After the components are closed: the drivers and the threads that would keep us. */
  static void atStop() {
    ClassLoader ours = Redeploys.class.getClassLoader();
    if (ours == ClassLoader.getSystemClassLoader()) {
      return;
    }
    deregisterDrivers(ours);
    releaseThreads(ours);
  }

  /**
   * The JDBC drivers of WEB-INF/lib registered themselves with the JVM-wide DriverManager. Listing
   * the drivers can itself load and register our copy of one (DriverManager checks that a driver is
   * visible with Class.forName, which initialises it): the second listing has those.
   */
  private static void deregisterDrivers(ClassLoader ours) {
    for (int listing = 0; listing < 2; listing++) {
      for (Driver driver : Collections.list(DriverManager.getDrivers())) {
        if (driver.getClass().getClassLoader() == ours) {
          try {
            DriverManager.deregisterDriver(driver);
          } catch (SQLException e) {
            LOG.log(
                System.Logger.Level.WARNING, "cannot deregister " + driver.getClass() + ": " + e);
          }
        }
      }
    }
  }

  /**
   * A library's own thread (JNA's cleaner, which lingers while anything it tracks lives, and our
   * classes do) ends when interrupted; a JVM thread started on our behalf (the process reaper,
   * after JNA ran {@code ldconfig}) keeps running with our loader as its context: it gets our
   * parent's.
   */
  private static void releaseThreads(ClassLoader ours) {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread == Thread.currentThread()) {
        continue;
      }
      if (thread.getClass().getClassLoader() == ours) {
        thread.interrupt();
      } else if (thread.getContextClassLoader() == ours) {
        thread.setContextClassLoader(ours.getParent());
      }
    }
  }
}
