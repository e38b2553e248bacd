package io.idbridge.appid;

import io.idbridge.core.Contract;
import io.idbridge.core.LoginAttempt;
import io.idbridge.core.LoginStep;
import io.idbridge.core.Logins;
import io.idbridge.directory.User;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.ErrorReply;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How both App ID endpoints begin: check the user (password with failure tracking, then the
 * one-time code of a user with MFA) and sign the assertion.
 */
public final class AppIdLogin {
  private final AppIdConfig config;
  private final Logins logins;
  private final ClientAddresses addresses;
  private final AppIdAssertions assertions;
  private final int codeDigits;

  /**
   * @param codeDigits {@code mfa.totp.digits}
   */
  public AppIdLogin(
      AppIdConfig config,
      Logins logins,
      ClientAddresses addresses,
      AppIdAssertions assertions,
      int codeDigits) {
    this.config = config;
    this.logins = logins;
    this.addresses = addresses;
    this.assertions = assertions;
    this.codeDigits = codeDigits;
  }

  /** The assertion for the request's user; every refusal is an {@link HttpError}. */
  AppIdAssertions.Assertion assertion(HttpServletRequest req) throws IOException {
    if (!config.enabled()) {
      throw new HttpError(
          404, "not_configured", "IBM App ID is not configured on this server (appid.audience)");
    }
    RequestBody body = RequestBody.of(req);
    String username = body.required("username");
    String password = body.required("password");
    // The rest of the request is checked before the password, so a malformed request costs no login
    // attempt.
    List<String> scope = scope(body);
    Duration ttl = ttl(body);
    User user =
        authenticate(new LoginAttempt(Contract.APPID, username, password, addresses.of(req)), body);
    return assertions.sign(user, scope, ttl);
  }

  private User authenticate(LoginAttempt attempt, RequestBody body) {
    Optional<String> otp =
        body.code("otp", codeDigits).map(String::strip).filter(code -> !code.isEmpty());
    LoginStep step = logins.passwordAndCode(attempt, otp);
    return switch (step.kind()) {
      case PASSED -> ((LoginStep.Passed) step).user();
      case THROTTLED ->
          throw new HttpError(
              ErrorReply.tooManyFailures(((LoginStep.Throttled) step).retryAfter()));
      case INVALID_CREDENTIALS ->
          throw new HttpError(401, "invalid_credentials", "the username or password is wrong");
      case CODE_DUE ->
          throw new HttpError(
              401, "mfa_required", "this account needs a one-time code: send it in the field otp");
      case WRONG_CODE, PROOF_REFUSED ->
          throw new HttpError(401, "invalid_otp", "the one-time code is wrong or already used");
      case MUST_ENROLL ->
          throw new HttpError(
              403,
              "mfa_enrollment_required",
              "this server requires a second factor: log in at "
                  + "/api/login, whose answer carries the enroll_token for /api/mfa/enroll and /api/mfa/confirm");
      case OPENED, SESSION_REFUSED ->
          throw new IllegalStateException("an App ID login opens no session");
    };
  }

  private static List<String> scope(RequestBody body) {
    try {
      return Scopes.parse(body.text("scope").orElse(""));
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "invalid_scope", e.getMessage());
    }
  }

  /**
   * The configured lifetime, or the one the request asks for in {@code expires_in} (seconds) within
   * the maximum.
   */
  private Duration ttl(RequestBody body) {
    String asked = body.text("expires_in").map(String::strip).orElse("");
    if (asked.isEmpty()) {
      return config.assertionTtl();
    }
    long min = AppIdConfig.MIN_TTL.toSeconds();
    long max = config.maxAssertionTtl().toSeconds();
    try {
      long seconds = Long.parseLong(asked);
      if (seconds >= min && seconds <= max) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // answered below, like a number out of range
    }
    throw new HttpError(
        400,
        "invalid_request",
        "expires_in must be a whole number of seconds from " + min + " to " + max);
  }
}
