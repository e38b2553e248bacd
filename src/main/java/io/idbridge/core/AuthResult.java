package io.idbridge.core;

import io.idbridge.directory.User;
import java.time.Duration;

/** The outcome of checking a login: every contract renders these three in its own format. */
public sealed interface AuthResult {

  /** The password matched an enabled user. */
  record Success(User user) implements AuthResult {}

  /**
   * Wrong credentials, an unknown name or a disabled user: deliberately one answer. The backend's
   * own error code and message are passed on where a backend gave them.
   */
  record Rejected(String backendErrorCode, String backendErrorMessage) implements AuthResult {}

  /** Too many recent failures; the password was not looked at. */
  record Throttled(Duration retryAfter) implements AuthResult {}
}
