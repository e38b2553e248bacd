package io.idbridge.audit;

/**
 * {@code audit.sink=log}: one line per event on the logger {@code io.idbridge.audit}, which a
 * logging configuration can send to a file or a collector of its own.
 */
final class LogAuditSink implements AuditSink {
  private static final System.Logger LOG = System.getLogger("io.idbridge.audit");

  @Override
  public void write(AuditEvent event, String json) {
    LOG.log(System.Logger.Level.INFO, json);
  }
}
