package io.idbridge.core;

/** How a login step ended, in the words of whatever counts or audits logins. */
public enum LoginOutcome {
  SUCCESS,
  INVALID_CREDENTIALS,
  THROTTLED,
  MFA_REQUIRED,
  MFA_FAILED,
  REFUSED_BY_POLICY,
  /** The user directory or the shared state did not answer: the step was not decided. */
  UNAVAILABLE
}
