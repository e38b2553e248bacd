package io.idbridge.core;

import io.idbridge.directory.User;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * What {@link Logins} decided about one step of a login (the password, or the second factor): each
 * contract switches over {@link #kind()} and renders each kind in its own shape.
 */
public sealed interface LoginStep {

  /** The kinds, so that a contract's {@code switch} over them is checked for exhaustiveness. */
  enum Kind {
    PASSED,
    OPENED,
    INVALID_CREDENTIALS,
    THROTTLED,
    CODE_DUE,
    MUST_ENROLL,
    WRONG_CODE,
    PROOF_REFUSED,
    SESSION_REFUSED
  }

  Kind kind();

  /** The outcome this step counts as, for whatever watches logins. */
  default LoginOutcome outcome() {
    return switch (kind()) {
      case PASSED, OPENED -> LoginOutcome.SUCCESS;
      case INVALID_CREDENTIALS -> LoginOutcome.INVALID_CREDENTIALS;
      case THROTTLED -> LoginOutcome.THROTTLED;
      case CODE_DUE -> LoginOutcome.MFA_REQUIRED;
      case WRONG_CODE, PROOF_REFUSED -> LoginOutcome.MFA_FAILED;
      case MUST_ENROLL, SESSION_REFUSED -> LoginOutcome.REFUSED_BY_POLICY;
    };
  }

  /** The user proved who they are; no session was asked for (the contract signs its own proof). */
  record Passed(User user) implements LoginStep {
    public Kind kind() {
      return Kind.PASSED;
    }
  }

  /** The user proved who they are, and the session asked for is open. */
  record Opened(Sessions.Session session) implements LoginStep {
    public Kind kind() {
      return Kind.OPENED;
    }
  }

  /**
   * Wrong credentials, an unknown name or a disabled user: deliberately one answer. A backend's own
   * code and message are passed on where it gave them (empty strings otherwise).
   */
  record InvalidCredentials(String backendCode, String backendMessage) implements LoginStep {
    public Kind kind() {
      return Kind.INVALID_CREDENTIALS;
    }
  }

  /** Too many recent failures for the address or the name; nothing was looked at. */
  record Throttled(Duration retryAfter) implements LoginStep {
    public Kind kind() {
      return Kind.THROTTLED;
    }
  }

  /**
   * The password was right and a code is due: the mfa_token proves the password, for {@code
   * expiresIn}, and nothing more.
   *
   * @param retries the wrong codes the mfa_token allows
   */
  record CodeDue(User user, String mfaToken, int digits, int retries, Duration expiresIn)
      implements LoginStep {
    public Kind kind() {
      return Kind.CODE_DUE;
    }
  }

  /**
   * The password was right, but {@code mfa.required} refuses a user without a second factor: the
   * enroll_token lets them, and only them, enroll.
   */
  record MustEnroll(User user, String enrollToken, Duration expiresIn) implements LoginStep {
    public Kind kind() {
      return Kind.MUST_ENROLL;
    }
  }

  /**
   * A wrong or already used code, counted as a login failure.
   *
   * @param userId the user whose code it was, named by the password or the mfa_token
   * @param retriesLeft the wrong codes the mfa_token still allows (0: log in again); empty when the
   *     code came with the password
   * @param sentence the sentence for the person typing codes
   */
  record WrongCode(String userId, OptionalInt retriesLeft, String sentence) implements LoginStep {
    public Kind kind() {
      return Kind.WRONG_CODE;
    }
  }

  /**
   * An mfa_token or mfa_key that does not (or no longer) prove anything: forged, expired, used up,
   * another user's, or its user gone, disabled or re-enrolled.
   *
   * @param expired the proof was once good and lapsed: a flow may restart rather than end
   */
  record ProofRefused(boolean expired) implements LoginStep {
    public Kind kind() {
      return Kind.PROOF_REFUSED;
    }
  }

  /** The concurrent-login policy ({@code sessions.onLimit=reject}) refuses another session. */
  record SessionRefused() implements LoginStep {
    public Kind kind() {
      return Kind.SESSION_REFUSED;
    }
  }
}
