package io.idbridge.mfa;

import io.idbridge.config.ConfigReader;
import io.idbridge.directory.User;
import java.time.Duration;

/**
 * The second factor: TOTP parameters, the enrollment labels and the lifetimes of the MFA tokens.
 *
 * @param window time steps accepted either side of the current one
 * @param issuer the otpauth issuer: the name authenticator apps show above the code
 * @param accountLabel which of the user's names the apps show below it
 * @param required refuse the login of every user without a confirmed TOTP secret, telling them to
 *     enroll
 * @param tokenTtl lifetime of an mfa_token (password verified, code pending) and of an enrollment
 *     token
 * @param rememberTtl lifetime of an mfa_key, the remembered proof of a verified code
 * @param retries wrong codes one mfa_token allows before the password must be given again
 */
public record MfaConfig(
    TotpAlgorithm algorithm,
    int digits,
    Duration period,
    int window,
    String issuer,
    AccountLabel accountLabel,
    boolean required,
    Duration tokenTtl,
    Duration rememberTtl,
    int retries) {

  /** What names the account in an authenticator app. */
  public enum AccountLabel {
    USERNAME,
    EMAIL,
    ID
  }

  public static MfaConfig from(ConfigReader r) {
    TotpAlgorithm algorithm = r.choice("mfa.totp.algorithm", TotpAlgorithm.SHA1);
    int digits = r.integer("mfa.totp.digits", 6, 6, 8);
    Duration period =
        r.duration(
            "mfa.totp.period",
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofMinutes(5));
    if (period.toMillisPart() != 0) {
      r.problem("mfa.totp.period", "must be whole seconds", period.toString());
      period = Duration.ofSeconds(30);
    }
    int window = r.integer("mfa.totp.window", 1, 0, 10);
    String issuer = r.string("mfa.issuer", "idbridge");
    AccountLabel label = r.choice("mfa.accountLabel", AccountLabel.USERNAME);
    boolean required = r.bool("mfa.required", false);
    Duration tokenTtl =
        r.duration(
            "mfa.tokenTtl", Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1));
    Duration rememberTtl =
        r.duration(
            "mfa.rememberTtl", Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(366));
    int retries = r.integer("mfa.retries", 3, 1, 100);
    return new MfaConfig(
        algorithm, digits, period, window, issuer, label, required, tokenTtl, rememberTtl, retries);
  }

  public Totp totp() {
    return new Totp(algorithm, digits, period, window);
  }

  /**
   * The account name of a user in authenticator apps; the username when the chosen one is empty.
   */
  public String account(User user) {
    String label =
        switch (accountLabel) {
          case USERNAME -> user.username();
          case EMAIL -> user.email();
          case ID -> user.id();
        };
    return label.isEmpty() ? user.username() : label;
  }
}
