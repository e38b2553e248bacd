package io.idbridge.core;

import io.idbridge.directory.LoginCheck;
import io.idbridge.directory.UserDirectory;

/**
 * Checks a login against the directory, with failure tracking: the one path every contract's login
 * takes.
 */
public final class Authenticator {
  private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());

  private final UserDirectory directory;
  private final LoginFailures failures;

  public Authenticator(UserDirectory directory, LoginFailures failures) {
    this.directory = directory;
    this.failures = failures;
  }

  public AuthResult login(LoginAttempt attempt) {
    if (attempt.nameHasControlCharacters()) {
      // No user is named so, and a SQL directory or state store would refuse the name (a NUL,
      // say) with an error: a wrong login, decided before asking either.
      LOG.log(System.Logger.Level.INFO, "login refused: a control character in the name");
      return new AuthResult.Rejected(null, null);
    }
    var wait = failures.retryAfter(attempt.clientIp(), attempt.username());
    if (wait.isPresent()) {
      return new AuthResult.Throttled(wait.get());
    }
    LoginCheck check =
        directory.authenticate(attempt.username(), attempt.password(), attempt.fields());
    if (check.matched() && !check.user().get().disabled()) {
      // With a second factor, only its success resets the counts: else each right password would
      // reset the count of wrong codes, and codes could be guessed without limit.
      if (!check.user().get().hasMfa()) {
        failures.succeeded(attempt.clientIp(), attempt.username());
      }
      return new AuthResult.Success(check.user().get());
    }
    if (check.matched()) {
      LOG.log(
          System.Logger.Level.INFO,
          "login refused: user " + check.user().get().id() + " is disabled");
    }
    failures.failed(attempt.clientIp(), attempt.username());
    return new AuthResult.Rejected(check.backendErrorCode(), check.backendErrorMessage());
  }
}
