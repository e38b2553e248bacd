package io.idbridge.mfa;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why a second factor, an mfa_token, an mfa_key or an enrollment was refused; never carries a code
 * or token.
 */
public final class MfaException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Each refusal; contracts map them in one switch. */
  public enum Reason {
    /** Forged, malformed, of another kind, or from another issuer. */
    INVALID_TOKEN,
    EXPIRED_TOKEN,
    /** An mfa_key of another user than the one logging in. */
    WRONG_USER,
    /**
     * Valid once, no longer: used up, its user gone or disabled, or the TOTP enrollment it was
     * bound to replaced.
     */
    REVOKED,
    /** A wrong code, or a right one used before: counted as a login failure. */
    WRONG_CODE,
    /** Too many recent failures for the address or the name; no code was looked at. */
    THROTTLED,
    /** The user has no TOTP secret (or none waiting for confirmation). */
    NOT_ENROLLED,
    /** The user has a confirmed TOTP secret already; an administrator removes it first. */
    ALREADY_ENROLLED,
    /** The directory is administered elsewhere: idbridge cannot store a secret in it. */
    READ_ONLY_DIRECTORY
  }

  private final Reason reason;
  private final Duration retryAfter;
  private final Integer retriesLeft;
  private final String userId;

  public MfaException(Reason reason, String message) {
    this(reason, message, null, null, null);
  }

  private MfaException(
      Reason reason, String message, Duration retryAfter, Integer retriesLeft, String userId) {
    super(reason + ": " + message);
    this.reason = reason;
    this.retryAfter = retryAfter;
    this.retriesLeft = retriesLeft;
    this.userId = userId;
  }

  static MfaException throttled(Duration retryAfter) {
    return new MfaException(Reason.THROTTLED, "too many failures", retryAfter, null, null);
  }

  static MfaException wrongCode(String userId, Integer retriesLeft) {
    return new MfaException(
        Reason.WRONG_CODE, "wrong or already used code", null, retriesLeft, userId);
  }

  public Reason reason() {
    return reason;
  }

  /**
   * For {@link Reason#WRONG_CODE}: the sentence for the person typing codes, with the tries left.
   */
  public String wrongCodeSentence() {
    return "the code is wrong or was used already"
        + (retriesLeft == null ? "" : "; tries left with this mfa_token: " + retriesLeft);
  }

  /**
   * For {@link Reason#WRONG_CODE}: the id of the user whose code it was, so that the failure is
   * theirs in the audit trail even when only the mfa_token named them.
   */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** For {@link Reason#THROTTLED}: how long the caller must wait. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * For {@link Reason#WRONG_CODE} on an mfa_token: the wrong codes it still allows (0: log in
   * again).
   */
  public OptionalInt retriesLeft() {
    return retriesLeft == null ? OptionalInt.empty() : OptionalInt.of(retriesLeft);
  }
}
