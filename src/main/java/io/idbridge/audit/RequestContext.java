package io.idbridge.audit;

/**
 * Who and where of the request on this thread, for the audit events the core records: set by a
 * filter at the start of each request, so that the core needs no servlet type to say it.
 *
 * @param contract the contract of the path ({@code voltmx}, {@code api}, …), {@code cli} for the
 *     CLI, {@code -} for none
 */
public record RequestContext(String requestId, String contract, String clientAddress) {
  public static final RequestContext NONE = new RequestContext("-", "-", "-");

  private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

  public static RequestContext current() {
    RequestContext c = CURRENT.get();
    return c == null ? NONE : c;
  }

  /** Makes this the context of the thread until {@link #clear}. */
  public void enter() {
    CURRENT.set(this);
  }

  public static void clear() {
    CURRENT.remove();
  }
}
