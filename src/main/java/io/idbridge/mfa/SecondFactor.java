package io.idbridge.mfa;

import io.idbridge.core.Contract;
import io.idbridge.core.LoginFailures;
import io.idbridge.core.LoginListener;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.directory.WritableUserDirectory;
import io.idbridge.state.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The second factor of every contract's login: TOTP codes that count only once and meet the login
 * failure limits, the code step of an mfa_token, and self-service enrollment.
 */
public final class SecondFactor {
  private static final System.Logger LOG = System.getLogger(SecondFactor.class.getName());

  private final MfaConfig config;
  private final Totp totp;
  private final MfaTokens tokens;
  private final StateStore state;
  private final LoginFailures failures;
  private final Optional<TotpEnrollment> enrollment;
  private final Clock clock;
  private final LoginListener listener;

  public SecondFactor(
      MfaConfig config,
      MfaTokens tokens,
      StateStore state,
      LoginFailures failures,
      UserDirectory directory,
      Clock clock,
      LoginListener listener) {
    this.config = config;
    this.totp = config.totp();
    this.tokens = tokens;
    this.state = state;
    this.failures = failures;
    this.enrollment =
        directory instanceof WritableUserDirectory w
            ? Optional.of(new TotpEnrollment(w, config, new SecureRandom()))
            : Optional.empty();
    this.clock = clock;
    this.listener = listener;
  }

  public MfaConfig config() {
    return config;
  }

  /** Whether {@code mfa.required} refuses this user's login until they enroll. */
  public boolean mustEnroll(User user) {
    return config.required() && !user.hasMfa();
  }

  /**
   * Checks a code against the user's secret, confirmed or not. A right code counts once: its time
   * step is marked used in the shared state. A wrong or replayed one counts as a login failure, so
   * guessing codes meets the same limit as guessing passwords; a right one completes the login and
   * resets the counts as a right password does without a second factor.
   */
  public void verify(User user, String code, String clientIp) throws MfaException {
    if (user.totpSecret().isEmpty()) {
      throw new MfaException(
          MfaException.Reason.NOT_ENROLLED, "user " + user.id() + " has no TOTP secret");
    }
    Optional<Duration> wait = failures.retryAfter(clientIp, user.username());
    if (wait.isPresent()) {
      throw MfaException.throttled(wait.get());
    }
    Instant now = clock.instant();
    for (long step : totp.matches(Base32.decode(user.totpSecret()), code, now)) {
      // RFC 6238 §5.2: a code accepted once must not be accepted again.
      if (state.mark(
          usedKey(user, step), atLeastASecond(Duration.between(now, totp.acceptedUntil(step))))) {
        failures.succeeded(clientIp, user.username());
        return;
      }
      LOG.log(System.Logger.Level.INFO, "replayed TOTP code refused for user " + user.id());
    }
    failures.failed(clientIp, user.username());
    throw MfaException.wrongCode(user.id(), null);
  }

  /**
   * Completes a login: the code of the mfa_token's user. The token allows {@code mfa.retries} wrong
   * codes, then the password must be given again; it is spent by its first right code.
   *
   * @param redeemable the contracts whose tokens this step completes: another's is refused before
   *     the code is looked at
   */
  public User complete(String mfaToken, Set<Contract> redeemable, String code, String clientIp)
      throws MfaException {
    MfaTokens.Pending pending = tokens.pending(mfaToken, redeemable);
    String tries = "mfa:tries:" + pending.jti();
    Duration left = atLeastASecond(Duration.between(clock.instant(), pending.expiresAt()));
    if (state.counter(tries).map(StateStore.Counter::value).orElse(0L) >= config.retries()) {
      throw new MfaException(
          MfaException.Reason.REVOKED, "too many wrong codes for this mfa_token");
    }
    try {
      verify(pending.user(), code, clientIp);
    } catch (MfaException e) {
      if (e.reason() != MfaException.Reason.WRONG_CODE) {
        throw e;
      }
      long wrong = state.increment(tries, left).value();
      throw MfaException.wrongCode(
          pending.user().id(), (int) Math.max(0, config.retries() - wrong));
    }
    if (!tokens.spend(pending, left)) {
      throw new MfaException(MfaException.Reason.REVOKED, "the mfa_token was used already");
    }
    return pending.user();
  }

  /**
   * Self-service enrollment: a new secret, waiting for a first code. Refused when the user has a
   * confirmed one: else a stolen session could switch MFA off, or move it to another device.
   */
  public TotpEnrollment.Enrollment enroll(User user) throws MfaException {
    if (user.hasMfa()) {
      throw new MfaException(
          MfaException.Reason.ALREADY_ENROLLED, "user " + user.id() + " has TOTP already");
    }
    return writable().enroll(user, false);
  }

  /** Activates the user's waiting secret with a first right code. */
  public User confirm(User user, String code, String clientIp) throws MfaException {
    TotpEnrollment enrollments = writable();
    if (user.hasMfa()) {
      throw new MfaException(
          MfaException.Reason.ALREADY_ENROLLED, "user " + user.id() + " has TOTP already");
    }
    verify(user, code, clientIp);
    User confirmed = enrollments.confirm(user);
    listener.enrolled(confirmed);
    return confirmed;
  }

  private TotpEnrollment writable() throws MfaException {
    return enrollment.orElseThrow(
        () ->
            new MfaException(
                MfaException.Reason.READ_ONLY_DIRECTORY,
                "the directory is administered elsewhere"));
  }

  private static Duration atLeastASecond(Duration d) {
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
  }

  private static String usedKey(User user, long step) {
    return "totp:used:" + user.id() + ":" + step;
  }
}
