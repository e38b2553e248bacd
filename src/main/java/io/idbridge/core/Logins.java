package io.idbridge.core;

import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.User;
import io.idbridge.mfa.MfaException;
import io.idbridge.mfa.MfaTokens;
import io.idbridge.mfa.SecondFactor;
import io.idbridge.state.StateUnavailableException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides every contract's login, once: the password step (throttled? right? a code due? must the
 * user enroll?), the code step, and the session at the end. Contracts parse the request, call one
 * method and render the {@link LoginStep} it answers; every outcome passes {@link #decided}.
 */
public final class Logins {
  private static final System.Logger LOG = System.getLogger(Logins.class.getName());

  private final Authenticator authenticator;
  private final SecondFactor mfa;
  private final MfaTokens mfaTokens;
  private final Sessions sessions;
  private final LoginListener listener;

  public Logins(
      Authenticator authenticator,
      SecondFactor mfa,
      MfaTokens mfaTokens,
      Sessions sessions,
      LoginListener listener) {
    this.authenticator = authenticator;
    this.mfa = mfa;
    this.mfaTokens = mfaTokens;
    this.sessions = sessions;
    this.listener = listener;
  }

  /**
   * The session a login asks for once it passes: in an app (for the concurrent-login policy), with
   * claims added to its token (an audience, say).
   */
  public record SessionRequest(String app, Map<String, Object> claims) {}

  /**
   * The password step of a login whose code, if the user has one, comes in a later step.
   *
   * @param session empty when the contract wants only the user, to sign its own proof
   */
  public LoginStep password(LoginAttempt attempt, Optional<SessionRequest> session) {
    return decided(
        Optional.of(attempt.username()),
        () -> password(attempt, Optional.empty(), Optional.empty(), session));
  }

  /**
   * The password step with a remembered mfa_key, which stands in for the code when it is this
   * user's and of their current enrollment; any other key only means a code is due.
   */
  public LoginStep password(
      LoginAttempt attempt, Optional<String> rememberedKey, SessionRequest session) {
    return decided(
        Optional.of(attempt.username()),
        () -> password(attempt, rememberedKey, Optional.empty(), Optional.of(session)));
  }

  /** The password and, for a user with a second factor, the code, in one request. */
  public LoginStep passwordAndCode(LoginAttempt attempt, Optional<String> code) {
    return decided(
        Optional.of(attempt.username()),
        () -> password(attempt, Optional.empty(), code, Optional.empty()));
  }

  /**
   * The code step: the login's mfa_token and the code.
   *
   * @param redeemable the contracts whose mfa_tokens this step completes
   */
  public LoginStep code(
      Set<Contract> redeemable,
      String mfaToken,
      String code,
      String clientIp,
      Optional<SessionRequest> session) {
    return decided(
        Optional.empty(),
        () -> {
          try {
            User user = mfa.complete(mfaToken, redeemable, code, clientIp);
            listener.secondFactorPassed(user, "code");
            return finish(user, session);
          } catch (MfaException e) {
            return refusal(e);
          }
        });
  }

  /**
   * The code step by an mfa_key that {@code /api/mfa/verify} answered. Next to the login's
   * mfa_token it must be that user's, and may be a remembered one; alone it names no login, so only
   * a key issued within {@code mfa.tokenTtl} is taken: else a key kept on a device would open
   * sessions for weeks without the password.
   */
  public LoginStep key(
      Set<Contract> redeemable, String mfaKey, Optional<String> mfaToken, SessionRequest session) {
    return decided(
        Optional.empty(),
        () -> {
          try {
            User user =
                mfaToken.isEmpty()
                    ? mfaTokens.redeemRecentMfaKey(mfaKey)
                    : mfaTokens.redeemMfaKey(
                        mfaKey,
                        Optional.of(mfaTokens.redeemPending(mfaToken.get(), redeemable).id()));
            listener.secondFactorPassed(user, "mfa_key");
            return finish(user, Optional.of(session));
          } catch (MfaException e) {
            return new LoginStep.ProofRefused(e.reason() == MfaException.Reason.EXPIRED_TOKEN);
          }
        });
  }

  private LoginStep password(
      LoginAttempt attempt,
      Optional<String> rememberedKey,
      Optional<String> code,
      Optional<SessionRequest> session) {
    AuthResult result = authenticator.login(attempt);
    if (result instanceof AuthResult.Throttled t) {
      return new LoginStep.Throttled(t.retryAfter());
    }
    if (result instanceof AuthResult.Rejected r) {
      return new LoginStep.InvalidCredentials(
          nonNull(r.backendErrorCode()), nonNull(r.backendErrorMessage()));
    }
    User user = ((AuthResult.Success) result).user();
    if (mfa.mustEnroll(user)) {
      return new LoginStep.MustEnroll(
          user, mfaTokens.enrollmentToken(user), mfa.config().tokenTtl());
    }
    if (user.hasMfa() && code.isPresent()) {
      try {
        mfa.verify(user, code.get(), attempt.clientIp());
      } catch (MfaException e) {
        return refusal(e);
      }
      listener.secondFactorPassed(user, "code");
    } else if (user.hasMfa() && !remembered(user, rememberedKey)) {
      return new LoginStep.CodeDue(
          user,
          mfaTokens.pendingToken(user, attempt.contract()),
          mfa.config().digits(),
          mfa.config().retries(),
          mfa.config().tokenTtl());
    }
    return finish(user, session);
  }

  private boolean remembered(User user, Optional<String> key) {
    if (key.isEmpty()) {
      return false;
    }
    try {
      mfaTokens.redeemMfaKey(key.get(), Optional.of(user.id()));
      listener.secondFactorPassed(user, "remembered_key");
      return true;
    } catch (MfaException e) {
      // The device may keep the key of an older enrollment, or of another user who logged in on it.
      LOG.log(
          System.Logger.Level.INFO,
          "the remembered mfa_key of a login of user "
              + user.id()
              + " was not accepted ("
              + e.reason()
              + "); asking for a code");
      return false;
    }
  }

  private LoginStep finish(User user, Optional<SessionRequest> session) {
    if (session.isEmpty()) {
      return new LoginStep.Passed(user);
    }
    try {
      return new LoginStep.Opened(sessions.open(user, session.get().app(), session.get().claims()));
    } catch (SessionLimitException e) {
      return new LoginStep.SessionRefused();
    }
  }

  private static LoginStep refusal(MfaException e) {
    return switch (e.reason()) {
      case WRONG_CODE ->
          new LoginStep.WrongCode(e.userId().orElseThrow(), e.retriesLeft(), e.wrongCodeSentence());
      case THROTTLED -> new LoginStep.Throttled(e.retryAfter().orElseThrow());
      case EXPIRED_TOKEN -> new LoginStep.ProofRefused(true);
      case INVALID_TOKEN,
              WRONG_USER,
              REVOKED,
              NOT_ENROLLED,
              ALREADY_ENROLLED,
              READ_ONLY_DIRECTORY ->
          new LoginStep.ProofRefused(false);
    };
  }

  /**
   * The one place every login outcome passes, a store that did not answer included.
   *
   * @param loginName the name as typed, for the step that has one
   */
  private LoginStep decided(Optional<String> loginName, Supplier<LoginStep> step) {
    LoginStep decided;
    try {
      decided = step.get();
    } catch (DirectoryUnavailableException | StateUnavailableException e) {
      listener.decided(LoginOutcome.UNAVAILABLE, Optional.empty(), loginName);
      throw e;
    }
    listener.decided(decided.outcome(), Optional.of(decided), loginName);
    return decided;
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
