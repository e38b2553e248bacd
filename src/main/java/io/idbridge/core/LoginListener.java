package io.idbridge.core;

import io.idbridge.directory.User;
import java.util.Optional;

/**
 * Told, on the request's thread, of every security event the core decides: each login step {@link
 * Logins} decides, second factors, sessions ended and tokens checked. Metrics and the audit trail
 * listen.
 */
@FunctionalInterface
public interface LoginListener {
  LoginListener NONE = (outcome, step, loginName) -> {};

  /**
   * @param step empty when the directory or the state store did not answer ({@code UNAVAILABLE})
   * @param loginName the name as typed, in a step that has one (the password step)
   */
  void decided(LoginOutcome outcome, Optional<LoginStep> step, Optional<String> loginName);

  /**
   * A second factor proved the user: {@code how} is {@code code}, {@code mfa_key} or {@code
   * remembered_key}.
   */
  default void secondFactorPassed(User user, String how) {}

  /** A user confirmed a new second factor with its first code. */
  default void enrolled(User user) {}

  default void loggedOut(String userId) {}

  /** A session ended by the concurrent-login policy ({@code revoke-oldest}). */
  default void sessionRevoked(String userId) {}

  /** A session token was checked: {@code refused} empty when it was valid. */
  default void tokenVerified(Optional<InvalidSessionException.Reason> refused) {}
}
