package io.idbridge.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idbridge.jdbc.JdbcPoolConfig;
import io.idbridge.json.JsonMappers;
import io.idbridge.state.StateConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Records security events, in the order they happen, to the configured sink. Recording never
 * throws: a sink that fails is counted (the {@code failed} hook, a metric in the server) and said
 * in the log at most once a minute, and the login that caused the event goes on.
 */
public final class AuditTrail implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AuditTrail.class.getName());
  private static final ObjectMapper JSON = JsonMappers.builder().build();
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);

  private final AuditSink sink;
  private final String sinkName;
  private final Consumer<String> failed;
  private final Clock clock;
  private final AtomicLong unlogged = new AtomicLong();
  private Instant nextLog = Instant.MIN;

  AuditTrail(AuditSink sink, String sinkName, Consumer<String> failed, Clock clock) {
    this.sink = sink;
    this.sinkName = sinkName;
    this.failed = failed;
    this.clock = clock;
  }

  /**
   * The trail of the configuration.
   *
   * @param failed told the sink's name each time an event could not be written
   */
  public static AuditTrail open(
      AuditConfig config, StateConfig state, Consumer<String> failed, Clock clock) {
    AuditSink sink =
        switch (config.sink()) {
          case LOG -> new LogAuditSink();
          case FILE -> new FileAuditSink(config.file(), config.maxBytes(), config.keep());
          case JDBC -> new JdbcAuditSink(small(state.jdbc().pool()), state.jdbc().tablePrefix());
        };
    return new AuditTrail(sink, config.sink().name().toLowerCase(Locale.ROOT), failed, clock);
  }

  /**
   * A pool of two with a short connect wait: an audit database that is down must not hold each
   * login for the state store's full timeout.
   */
  private static JdbcPoolConfig small(JdbcPoolConfig p) {
    Duration connect =
        p.connectTimeout().compareTo(Duration.ofSeconds(1)) < 0
            ? p.connectTimeout()
            : Duration.ofSeconds(1);
    return new JdbcPoolConfig(
        p.source(), p.prefix(), p.url(), p.user(), p.password(), 2, connect, p.queryTimeout());
  }

  /** A success, of the user with this id. */
  public void success(AuditEvent.Kind kind, String userId, String detail) {
    record(kind, userId, null, AuditEvent.Outcome.SUCCESS, detail);
  }

  /**
   * A failure: the user's id when known, the login name as typed, and why.
   *
   * @param userId may be null: unknown before the password matched
   */
  public void failure(AuditEvent.Kind kind, String userId, String loginName, String reason) {
    record(kind, userId, loginName, AuditEvent.Outcome.FAILURE, reason);
  }

  private void record(
      AuditEvent.Kind kind,
      String userId,
      String loginName,
      AuditEvent.Outcome outcome,
      String detail) {
    RequestContext where = RequestContext.current();
    AuditEvent event =
        new AuditEvent(
            clock.instant(),
            kind,
            where.requestId(),
            where.contract(),
            userId,
            loginName,
            where.clientAddress(),
            outcome,
            detail);
    try {
      sink.write(event, JSON.writeValueAsString(event.fields()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    } catch (Exception e) {
      failed.accept(sinkName);
      unlogged.incrementAndGet();
      sayOnceAMinute(e);
    }
  }

  private synchronized void sayOnceAMinute(Exception e) {
    Instant now = clock.instant();
    if (now.isBefore(nextLog)) {
      return;
    }
    nextLog = now.plus(LOG_EVERY);
    LOG.log(
        System.Logger.Level.WARNING,
        "the audit "
            + sinkName
            + " sink failed; "
            + unlogged.getAndSet(0)
            + " event(s) lost since the last such line: "
            + e.getMessage());
  }

  @Override
  public void close() {
    sink.close();
  }
}
