package io.idbridge.jwt;

/** Why a token was refused; the message names the rule broken and never contains the token. */
public final class JwtException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Each way a token can fail, in the order {@link JwtVerifier} checks them. */
  public enum Reason {
    MALFORMED,
    ALG_NONE,
    UNSUPPORTED_ALGORITHM,
    ALGORITHM_MISMATCH,
    UNKNOWN_KEY,
    MISSING_KEY_ID,
    BAD_SIGNATURE,
    EXPIRED,
    NOT_YET_VALID,
    WRONG_ISSUER,
    WRONG_AUDIENCE,
    WRONG_TYPE,
    MISSING_CLAIM
  }

  private final Reason reason;

  public JwtException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
