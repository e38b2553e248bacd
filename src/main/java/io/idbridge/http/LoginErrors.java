package io.idbridge.http;

import io.idbridge.core.LoginStep;

/**
 * The login refusals that our API and VoltMX's endpoints word alike, so that a change of wording is
 * one edit; each contract still decides in its own switch which kinds it answers with these.
 */
public final class LoginErrors {
  private LoginErrors() {}

  /** 403, not 401: Foundry would count it as a wrong password. */
  public static ErrorReply enrollmentRequired(LoginStep.MustEnroll step) {
    return new ErrorReply(
            403,
            "mfa_enrollment_required",
            "this server requires a second factor: enroll with POST /api/mfa/enroll and"
                + " /api/mfa/confirm, sending the enroll_token as a Bearer token, then log in again")
        .with("enroll_token", step.enrollToken())
        .with("expires_in", step.expiresIn().toSeconds());
  }

  public static ErrorReply wrongCode(LoginStep.WrongCode step) {
    return new ErrorReply(401, "invalid_otp", step.sentence());
  }

  public static ErrorReply mfaTokenRefused() {
    return new ErrorReply(
        401, "invalid_mfa_token", "the mfa_token is invalid, expired or used up; log in again");
  }
}
