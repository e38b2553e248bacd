package io.idbridge.api;

import io.idbridge.core.LoginStep;
import io.idbridge.core.Logins;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.http.ErrorReply;
import io.idbridge.http.HttpError;
import io.idbridge.http.LoginErrors;
import io.idbridge.http.RequestBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** How our own API answers a login step: the session, the code step, or the error, thrown. */
final class ApiLoginAnswers {
  private ApiLoginAnswers() {}

  /**
   * The session a client asks for: a token bound to one of the audiences the server knows (field
   * {@code audience}), such as the one ConnectyCube verifies. Checked before the password, so a
   * typo costs no failure.
   */
  static Logins.SessionRequest session(RequestBody body, Set<String> audiences) {
    Map<String, Object> claims = new LinkedHashMap<>();
    body.text("audience")
        .filter(a -> !a.isBlank())
        .ifPresent(
            audience -> {
              if (!audiences.contains(audience)) {
                throw new HttpError(400, "invalid_audience", "unknown audience: " + audience);
              }
              claims.put("aud", audience);
            });
    return new Logins.SessionRequest("api", claims);
  }

  /** The body of a 200 answer to a login step; every refusal is thrown. */
  static Map<String, Object> body(LoginStep step) {
    return switch (step.kind()) {
      case OPENED -> session(((LoginStep.Opened) step).session());
      case CODE_DUE -> {
        LoginStep.CodeDue due = (LoginStep.CodeDue) step;
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("mfa_required", true);
        pending.put("mfa_token", due.mfaToken());
        pending.put("expires_in", due.expiresIn().toSeconds());
        yield pending;
      }
      case INVALID_CREDENTIALS ->
          // One answer for an unknown user, a wrong password and a disabled account.
          throw new HttpError(401, "invalid_credentials", "the username or password is wrong");
      case THROTTLED ->
          throw new HttpError(
              ErrorReply.tooManyFailures(((LoginStep.Throttled) step).retryAfter()));
      case MUST_ENROLL ->
          throw new HttpError(LoginErrors.enrollmentRequired((LoginStep.MustEnroll) step));
      case SESSION_REFUSED ->
          throw new HttpError(409, "session_limit", "the user already has an active session");
      case WRONG_CODE -> throw new HttpError(LoginErrors.wrongCode((LoginStep.WrongCode) step));
      case PROOF_REFUSED -> throw new HttpError(LoginErrors.mfaTokenRefused());
      case PASSED -> throw new IllegalStateException("our API's logins ask for a session");
    };
  }

  /** The user of a step that asked for no session; a refusal is thrown as {@link #body} does. */
  static User passed(LoginStep step) {
    if (step instanceof LoginStep.Passed passed) {
      return passed.user();
    }
    body(step);
    throw new IllegalStateException("a step without a session ended " + step.kind());
  }

  private static Map<String, Object> session(Sessions.Session session) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", session.user().id());
    user.put("username", session.user().username());
    user.put("display_name", session.user().displayName());
    user.put("email", session.user().email());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", session.token());
    body.put("token_type", "Bearer");
    body.put("expires_in", session.expiresIn());
    body.put("user", user);
    return body;
  }
}
