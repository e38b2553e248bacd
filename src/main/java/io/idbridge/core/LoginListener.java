package io.idbridge.core;

/** Told the outcome of every login step {@link Logins} decides, on the request's thread. */
@FunctionalInterface
public interface LoginListener {
  LoginListener NONE = outcome -> {};

  void decided(LoginOutcome outcome);
}
