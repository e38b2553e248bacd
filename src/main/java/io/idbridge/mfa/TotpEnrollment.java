package io.idbridge.mfa;

import io.idbridge.directory.User;
import io.idbridge.directory.WritableUserDirectory;
import java.security.SecureRandom;

/**
 * Stores, confirms and removes users' TOTP secrets in a directory idbridge writes: for the CLI and
 * the API.
 */
public final class TotpEnrollment {
  private final WritableUserDirectory directory;
  private final MfaConfig config;
  private final Totp totp;
  private final SecureRandom random;

  /** A secret just stored, with the URI an authenticator app scans. */
  public record Enrollment(User user, String secret, String uri) {
    @Override
    public String toString() {
      return "Enrollment[user=" + user + "]";
    }
  }

  public TotpEnrollment(WritableUserDirectory directory, MfaConfig config, SecureRandom random) {
    this.directory = directory;
    this.config = config;
    this.totp = config.totp();
    this.random = random;
  }

  /**
   * Gives the user a new secret, replacing any other, which revokes every mfa_key issued for the
   * old one.
   *
   * @param confirmed whether login asks for codes at once (an administrator enrolled the user) or
   *     only after a first code confirms it
   */
  public Enrollment enroll(User user, boolean confirmed) {
    String secret = Totp.newSecret(random);
    User stored = store(current(user).withTotp(secret, confirmed));
    return new Enrollment(
        stored, secret, totp.uri(config.issuer(), config.account(stored), secret));
  }

  /** Activates the user's waiting secret: from now on login asks for a code. */
  public User confirm(User user) {
    return store(current(user).withTotp(user.totpSecret(), true));
  }

  /**
   * Removes the user's secret: login stops asking for a code, and every mfa_key of the user stops
   * working.
   */
  public User remove(User user) {
    return store(current(user).withTotp("", false));
  }

  /** The user as stored now, so that nothing changed meanwhile (a password, say) is overwritten. */
  private User current(User user) {
    return directory
        .findById(user.id())
        .orElseThrow(() -> new IllegalArgumentException("no user with id " + user.id()));
  }

  private User store(User user) {
    directory.update(user);
    return user;
  }
}
