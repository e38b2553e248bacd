package io.idbridge.api;

import io.idbridge.core.InvalidSessionException;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.http.BearerTokens;
import io.idbridge.http.ErrorReply;
import io.idbridge.http.HttpError;
import io.idbridge.http.LoginErrors;
import io.idbridge.mfa.MfaException;
import io.idbridge.mfa.MfaTokens;
import jakarta.servlet.http.HttpServletRequest;

/** What the enrollment servlets of our API share: reading the caller and rendering refusals. */
final class ApiMfaSteps {
  private ApiMfaSteps() {}

  /**
   * The user of the Bearer token of an enrollment step: a session of our API, or the enroll_token
   * that {@code mfa.required} gives a user who has no second factor yet.
   */
  static User enrolling(
      HttpServletRequest req, Sessions sessions, MfaTokens tokens, UserDirectory directory) {
    String token =
        BearerTokens.of(req)
            .orElseThrow(
                () ->
                    new HttpError(
                        401, "invalid_token", "missing token: send Authorization: Bearer <token>"));
    HttpError invalid =
        new HttpError(401, "invalid_token", "the token is invalid, expired or revoked");
    try {
      return directory
          .findById(sessions.verify(token).userId())
          .filter(u -> !u.disabled())
          .orElseThrow(() -> invalid);
    } catch (InvalidSessionException notASession) {
      try {
        return tokens.redeemEnrollment(token);
      } catch (MfaException e) {
        throw invalid;
      }
    }
  }

  /** Our API's answer to each refusal of an enrollment step. */
  static HttpError error(MfaException e) {
    return switch (e.reason()) {
      case INVALID_TOKEN, EXPIRED_TOKEN, WRONG_USER, REVOKED ->
          new HttpError(LoginErrors.mfaTokenRefused());
      case WRONG_CODE -> new HttpError(401, "invalid_otp", e.wrongCodeSentence());
      case THROTTLED -> new HttpError(ErrorReply.tooManyFailures(e.retryAfter().orElseThrow()));
      case NOT_ENROLLED ->
          new HttpError(
              409,
              "mfa_not_enrolled",
              "no TOTP secret waits for confirmation: POST /api/mfa/enroll first");
      case ALREADY_ENROLLED ->
          new HttpError(
              409,
              "mfa_already_enabled",
              "TOTP is enabled for this user already; an administrator removes it with: users totp NAME --remove");
      case READ_ONLY_DIRECTORY ->
          new HttpError(
              409,
              "mfa_enrollment_unavailable",
              "the users of this directory are administered in their own store, not by idbridge");
    };
  }
}
