package io.idbridge.metrics;

import io.idbridge.core.LoginOutcome;
import io.idbridge.directory.UserDirectory;
import io.idbridge.directory.WritableUserDirectory;
import io.idbridge.password.HashFormat;
import io.idbridge.password.HashTiming;
import io.idbridge.state.StateStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.util.Scheduler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The server's Prometheus metrics: one registry per server (tests run several in one JVM), the
 * named instruments, and the text exposition of {@code GET /metrics}.
 */
public final class Metrics {
  /** Latencies from a cached lookup (a millisecond) to a timed-out backend (seconds). */
  private static final double[] CALL_BUCKETS = {
    .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter text = new PrometheusTextFormatWriter(false);

  private final Counter logins =
      counter("idbridge_logins_total", "Logins by contract and outcome", "contract", "outcome");
  private final Counter tokenVerifications =
      counter(
          "idbridge_token_verifications_total",
          "Session token verifications by contract and outcome",
          "contract",
          "outcome");
  private final Histogram passwordHash =
      seconds("idbridge_password_hash_seconds", "Time computing one password hash")
          .labelNames("algorithm")
          .register(registry);
  private final Histogram hashPermitWait =
      seconds(
              "idbridge_password_hash_permit_wait_seconds",
              "Time waiting for a hashing permit (password.maxConcurrent)")
          .register(registry);
  final Histogram directoryCalls =
      seconds("idbridge_directory_call_seconds", "User directory calls")
          .labelNames("operation")
          .register(registry);
  final Counter directoryErrors =
      counter(
          "idbridge_directory_errors_total",
          "User directory calls that failed, by kind",
          "operation",
          "kind");
  final Histogram stateCalls =
      seconds("idbridge_state_call_seconds", "State store calls")
          .labelNames("operation")
          .register(registry);
  final Counter stateErrors =
      counter(
          "idbridge_state_errors_total",
          "State store calls that failed, by kind",
          "operation",
          "kind");
  private final Counter httpRequests =
      counter(
          "idbridge_http_requests_total",
          "HTTP requests by route and status class",
          "route",
          "status");
  private final Counter auditFailures =
      counter(
          "idbridge_audit_write_failures_total", "Audit events the sink could not write", "sink");

  // The JVM's and the process's collectors join the registry at the first scrape: building them
  // spins some forty lambda classes, a tenth of a second of a two-core server's start-up that
  // nothing before a scrape needs.
  private boolean jvmCollectorsRegistered; // guarded by this

  public Metrics() {}

  /**
   * The JVM's collectors, less JvmMemoryPoolAllocationMetrics: its GC notification listener would
   * keep a redeployed webapp's class loader alive (RedeployIT).
   */
  private void registerJvmCollectors() {
    JvmThreadsMetrics.builder().register(registry);
    JvmBufferPoolMetrics.builder().register(registry);
    JvmClassLoadingMetrics.builder().register(registry);
    JvmCompilationMetrics.builder().register(registry);
    JvmGarbageCollectorMetrics.builder().register(registry);
    JvmMemoryMetrics.builder().register(registry);
    JvmRuntimeInfoMetric.builder().register(registry);
    ProcessMetrics.builder().register(registry);
  }

  public void login(String contract, LoginOutcome outcome) {
    logins.labelValues(contract, outcome.name().toLowerCase(Locale.ROOT)).inc();
  }

  /** {@code outcome}: valid, expired, invalid or revoked. */
  public void tokenVerification(String contract, String outcome) {
    tokenVerifications.labelValues(contract, outcome).inc();
  }

  /** {@code status}: the class of the status code, {@code 2xx} to {@code 5xx}. */
  public void httpRequest(String route, int status) {
    httpRequests.labelValues(route, (status / 100) + "xx").inc();
  }

  public void auditWriteFailed(String sink) {
    auditFailures.labelValues(sink).inc();
  }

  /** What {@link io.idbridge.password.PasswordHashes} reports of each hash. */
  public HashTiming hashTiming() {
    return (format, waitNanos, hashNanos) -> {
      hashPermitWait.observe(waitNanos / 1e9);
      passwordHash.labelValues(algorithm(format)).observe(hashNanos / 1e9);
    };
  }

  /** The directory with its calls timed; still writable when it was. */
  public UserDirectory timed(UserDirectory directory) {
    return directory instanceof WritableUserDirectory w
        ? new TimedWritableUserDirectory(w, this)
        : new TimedUserDirectory(directory, this);
  }

  public StateStore timed(StateStore state) {
    return new TimedStateStore(state, this);
  }

  /** The Prometheus text format (version 0.0.4). */
  public void writeText(OutputStream out) throws IOException {
    synchronized (this) {
      if (!jvmCollectorsRegistered) {
        registerJvmCollectors();
        jvmCollectorsRegistered = true;
      }
    }
    text.write(out, registry.scrape());
  }

  public String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  private Counter counter(String name, String help, String... labels) {
    return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
  }

  /**
   * Stops the client's scheduler thread, which its histograms start and which would else keep a
   * redeployed webapp's class loader alive (RedeployIT). The client offers no way but its field.
   */
  public static void stopSchedulerThread() {
    try {
      java.lang.reflect.Field executor = Scheduler.class.getDeclaredField("executor");
      executor.setAccessible(true);
      ((java.util.concurrent.ExecutorService) executor.get(null)).shutdownNow();
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.getLogger(Metrics.class.getName())
          .log(System.Logger.Level.WARNING, "cannot stop the metrics scheduler: " + e);
    }
  }

  private static Histogram.Builder seconds(String name, String help) {
    return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(CALL_BUCKETS);
  }

  private static String algorithm(HashFormat format) {
    return format.name().toLowerCase(Locale.ROOT);
  }
}
