package io.idbridge.audit;

/** Where audit events go, one at a time and in order: a logger, a file or a database table. */
interface AuditSink extends AutoCloseable {

  /** Writes one event, as its JSON line; throws when the sink cannot take it. */
  void write(AuditEvent event, String json) throws Exception;

  @Override
  default void close() {}
}
