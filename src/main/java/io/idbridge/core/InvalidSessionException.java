package io.idbridge.core;

/** A session token that does not (or no longer) open a session. */
public final class InvalidSessionException extends Exception {
  /** Why: contracts may word these differently; none of them tells more than this. */
  public enum Reason {
    INVALID,
    EXPIRED,
    REVOKED
  }

  private final Reason reason;

  public InvalidSessionException(Reason reason) {
    super("session token " + reason.name().toLowerCase(java.util.Locale.ROOT));
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
