package io.idbridge.voltmx;

import io.idbridge.core.LoginStep;
import io.idbridge.core.Logins;
import io.idbridge.core.Sessions;
import io.idbridge.http.ErrorReply;
import io.idbridge.http.HttpError;
import io.idbridge.http.LoginErrors;
import io.idbridge.http.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agreement's answers to a login step, for {@code /voltmx/login} and {@code
 * /voltmx/mfa/validate}: a session with the user's attributes, the MFA step, or the error, thrown.
 */
final class VoltmxLoginAnswers {
  /** Foundry's app key, under its documented name and the older one deployed servers still send. */
  private static final String[] APP_KEY_HEADERS = {"X-VoltMX-App-Key", "X-Kony-App-Key"};

  /** 401 and only 401: it is what Foundry's own failure tracking counts. */
  private static final ErrorReply INVALID_CREDENTIALS =
      new ErrorReply(401, "invalid_credentials", "the user id or password is wrong");

  /** Not 401: Foundry would count a refused second session as a wrong password. */
  private static final ErrorReply SESSION_LIMIT =
      new ErrorReply(
          409,
          "session_limit",
          "the user already has an active session and the concurrent-login policy refuses another");

  private final VoltmxConfig config;
  private final VoltmxAttributes attributes;

  VoltmxLoginAnswers(VoltmxConfig config) {
    this.config = config;
    this.attributes = new VoltmxAttributes(config.securityAttributes());
  }

  /**
   * The mfa_key a request carries; the SDK's validateMfa example spells it mfa_Key (contracts.md).
   */
  static Optional<String> mfaKey(RequestBody body) {
    return body.text("mfa_key").or(() -> body.text("mfa_Key")).filter(key -> !key.isBlank());
  }

  /**
   * The session a Foundry login asks for: in the app the concurrent-login policy counts sessions
   * in, the app key header, else a form field, else default.
   */
  Logins.SessionRequest session(HttpServletRequest req) throws IOException {
    return new Logins.SessionRequest(app(req), Map.of());
  }

  private String app(HttpServletRequest req) throws IOException {
    for (String header : APP_KEY_HEADERS) {
      String key = req.getHeader(header);
      if (key != null && !key.isBlank()) {
        return key.strip();
      }
    }
    if (!config.appField().isEmpty()) {
      String field = RequestBody.of(req).text(config.appField()).orElse("");
      if (!field.isBlank()) {
        return field.strip();
      }
    }
    return "default";
  }

  /**
   * The answer to a login: a session (agreement, "Sample Success Response if MFA not enabled"),
   * saying {@code is_mfa_enabled} only when the Foundry service has MFA enabled, since its absence
   * means "this backend has no MFA"; or the MFA step (agreement, "Subsequent Call Process").
   */
  Map<String, Object> login(LoginStep step) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (step.kind() == LoginStep.Kind.OPENED && config.mfaEnabled()) {
      body.put("is_mfa_enabled", false);
    }
    body.putAll(render(step));
    return body;
  }

  /** The answer to MFA validate: the session the login held back, answered like a login. */
  Map<String, Object> validated(LoginStep step) {
    return render(step);
  }

  private Map<String, Object> render(LoginStep step) {
    return switch (step.kind()) {
      case OPENED -> session(((LoginStep.Opened) step).session());
      case CODE_DUE -> mfaRequired((LoginStep.CodeDue) step);
      case INVALID_CREDENTIALS -> {
        LoginStep.InvalidCredentials refused = (LoginStep.InvalidCredentials) step;
        throw new HttpError(
            INVALID_CREDENTIALS.fromBackend(refused.backendCode(), refused.backendMessage()));
      }
      case THROTTLED ->
          throw new HttpError(
              ErrorReply.tooManyFailures(((LoginStep.Throttled) step).retryAfter()));
      case MUST_ENROLL ->
          throw new HttpError(LoginErrors.enrollmentRequired((LoginStep.MustEnroll) step));
      case SESSION_REFUSED -> throw new HttpError(SESSION_LIMIT);
      case WRONG_CODE -> throw new HttpError(LoginErrors.wrongCode((LoginStep.WrongCode) step));
      case PROOF_REFUSED -> throw new HttpError(LoginErrors.mfaTokenRefused());
      case PASSED -> throw new IllegalStateException("a Foundry login always asks for a session");
    };
  }

  private Map<String, Object> session(Sessions.Session session) {
    Map<String, Object> security = new LinkedHashMap<>();
    security.put("session_token", session.token());
    // The agreement's unit is milliseconds ("TTL in msecs").
    security.put(
        "session_ttl", Duration.between(session.issuedAt(), session.expiresAt()).toMillis());
    attributes.security(session.user()).forEach(security::putIfAbsent);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("security_attributes", security);
    body.put("user_attributes", attributes.user(session.user()));
    // An integer: any other value fails the login in Foundry.
    body.put("httpStatusCode", 200);
    return body;
  }

  /**
   * The answer for a user whose second factor is still due: no attributes until MFA validate
   * succeeds, and the mfa_token (the agreement's known_user token) that {@code /api/mfa/verify}
   * turns into an mfa_key. Given whether or not {@code voltmx.mfa.enabled} is set, since handing
   * out a session would skip the factor.
   */
  private static Map<String, Object> mfaRequired(LoginStep.CodeDue due) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("type", "otp");
    meta.put("digits", due.digits());
    meta.put("mfa_token", due.mfaToken());
    meta.put("expires_in", due.expiresIn().toSeconds());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_mfa_enabled", true);
    body.put("mfa_meta", meta);
    body.put("httpStatusCode", 200);
    return body;
  }
}
