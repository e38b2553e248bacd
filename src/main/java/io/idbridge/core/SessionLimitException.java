package io.idbridge.core;

/** The concurrent-login policy refuses a new session while the user has one. */
public final class SessionLimitException extends RuntimeException {
  public SessionLimitException() {
    super("the user already has an active session and the policy refuses another");
  }
}
