package io.idbridge;

import io.idbridge.config.ConfigException;
import io.idbridge.tls.ServerCertificate;
import io.idbridge.tls.TlsConfig;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Compares the certificate's files with what the HTTPS connector serves, every {@code
 * server.tls.reloadInterval}, and gives the connector the new certificate when they changed: a
 * renewal (certbot's, which swaps symbolic links) is served without a restart. Runs on the server's
 * scheduler, so it starts no thread of its own.
 */
final class CertificateReloader extends AbstractLifeCycle implements Runnable {
  private static final System.Logger LOG = System.getLogger(CertificateReloader.class.getName());

  private final Scheduler scheduler;
  private final SslContextFactory.Server ssl;
  private final TlsConfig tls;
  private final Clock clock;
  // What the files held at the last attempt, good or not, and why it failed: each problem is
  // logged once, not at every check. Touched by the scheduler's thread only.
  private byte[] seen;
  private String lastProblem = "";
  private volatile Scheduler.Task next;

  CertificateReloader(
      Scheduler scheduler,
      SslContextFactory.Server ssl,
      TlsConfig tls,
      ServerCertificate served,
      Clock clock) {
    this.scheduler = scheduler;
    this.ssl = ssl;
    this.tls = tls;
    this.clock = clock;
    this.seen = served.fingerprint();
  }

  @Override
  protected void doStart() {
    schedule();
  }

  @Override
  protected void doStop() {
    Scheduler.Task task = next;
    if (task != null) {
      task.cancel();
    }
  }

  @Override
  public void run() {
    try {
      byte[] now = ServerCertificate.fingerprint(tls);
      if (!Arrays.equals(now, seen)) {
        seen = now;
        // Certbot writes the certificate and the key one after the other: a pair caught between
        // the two does not match, and the next change brings the other half.
        ServerCertificate fresh = ServerCertificate.load(tls, clock.instant());
        ssl.reload(
            f -> {
              f.setKeyStore(fresh.keyStore());
              f.setKeyStorePassword(fresh.password());
            });
        LOG.log(System.Logger.Level.INFO, "TLS certificate re-read: " + fresh.describe());
        lastProblem = "";
      }
    } catch (ConfigException e) {
      warnOnce(e.getMessage());
    } catch (Exception e) {
      warnOnce(e.toString());
    } finally {
      if (isRunning()) {
        schedule();
      }
    }
  }

  private void warnOnce(String problem) {
    if (!problem.equals(lastProblem)) {
      lastProblem = problem;
      LOG.log(
          System.Logger.Level.WARNING,
          "TLS certificate not re-read, the previous one is served: " + problem);
    }
  }

  private void schedule() {
    next = scheduler.schedule(this, tls.reloadInterval().toMillis(), TimeUnit.MILLISECONDS);
  }
}
