package io.idbridge.voltmx;

import io.idbridge.core.SessionLimitException;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.http.ApiError;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import io.idbridge.http.RequestIds;
import io.idbridge.http.Responses;
import io.idbridge.mfa.MfaException;
import io.idbridge.mfa.SecondFactor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Opens a session for a user Foundry logs in, and writes the agreement's answers to a login. */
final class VoltmxSessions {
  private static final System.Logger LOG = System.getLogger(VoltmxSessions.class.getName());

  /** Foundry's app key, under its documented name and the older one deployed servers still send. */
  private static final String[] APP_KEY_HEADERS = {"X-VoltMX-App-Key", "X-Kony-App-Key"};

  /** 403, not 401: Foundry would count it as a wrong password. */
  private static final ApiError ENROLLMENT_REQUIRED =
      new ApiError(
          403,
          "mfa_enrollment_required",
          "this server requires a second factor: enroll with POST /api/mfa/enroll and /api/mfa/confirm, sending the "
              + "enroll_token as a Bearer token, then log in again");

  private final Sessions sessions;
  private final SecondFactor mfa;
  private final VoltmxConfig config;
  private final VoltmxAttributes attributes;

  VoltmxSessions(Sessions sessions, SecondFactor mfa, VoltmxConfig config) {
    this.sessions = sessions;
    this.mfa = mfa;
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
   * The app the concurrent-login policy counts sessions in: the app key header, else a form field,
   * else default.
   */
  String app(HttpServletRequest req) throws IOException {
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
   * The answer to a login whose password matched: the MFA step when the user has a second factor
   * that no remembered mfa_key proves (agreement, "Subsequent Call Process"), else a session
   * (agreement, "Sample Success Response if MFA not enabled"), saying {@code is_mfa_enabled} only
   * when the Foundry service has MFA enabled, since its absence means "this backend has no MFA".
   */
  Map<String, Object> login(User user, Optional<String> rememberedKey, String app) {
    if (user.hasMfa() && !remembered(user, rememberedKey)) {
      return mfaRequired(user);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (config.mfaEnabled()) {
      body.put("is_mfa_enabled", false);
    }
    body.putAll(open(user, app));
    return body;
  }

  /**
   * Whether the login's mfa_key proves this user's current second factor. Any other key only means
   * a code is due: the device may keep the key of an older enrollment, or of another user who
   * logged in on it.
   */
  private boolean remembered(User user, Optional<String> key) {
    if (key.isEmpty()) {
      return false;
    }
    try {
      mfa.redeemMfaKey(key.get(), Optional.of(user.id()));
      return true;
    } catch (MfaException e) {
      LOG.log(
          System.Logger.Level.INFO,
          RequestIds.current()
              + " voltmx: the remembered mfa_key of a login of user "
              + user.id()
              + " was not accepted ("
              + e.reason()
              + "); asking for a code");
      return false;
    }
  }

  /** Whether {@code mfa.required} refuses this user a session until they enroll. */
  boolean mustEnroll(User user) {
    return mfa.mustEnroll(user);
  }

  /**
   * Answers a user who must enroll with the error, plus the token that lets them, and only them,
   * enroll.
   */
  void enrollmentRequired(HttpServletRequest req, HttpServletResponse res, User user)
      throws IOException {
    Map<String, Object> body =
        new LinkedHashMap<>(VoltmxErrors.SHAPE.body(ENROLLMENT_REQUIRED, RequestIds.of(req)));
    body.put("enroll_token", mfa.enrollmentToken(user));
    body.put("expires_in", mfa.config().tokenTtl().toSeconds());
    Responses.write(req, res, ENROLLMENT_REQUIRED.status(), body);
  }

  /**
   * Opens a session and answers with its token and the user's attributes.
   *
   * @throws HttpError 409 when the concurrent-login policy refuses a new session
   */
  Map<String, Object> open(User user, String app) {
    Sessions.Session session;
    try {
      session = sessions.open(user, app, Map.of());
    } catch (SessionLimitException e) {
      // Not 401: Foundry would count a refused second session as a wrong password.
      throw new HttpError(
          409,
          "session_limit",
          "the user already has an active session and the concurrent-login policy refuses another");
    }
    Map<String, Object> security = new LinkedHashMap<>();
    security.put("session_token", session.token());
    // The agreement's unit is milliseconds ("TTL in msecs").
    security.put(
        "session_ttl", Duration.between(session.issuedAt(), session.expiresAt()).toMillis());
    attributes.security(user).forEach(security::putIfAbsent);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("security_attributes", security);
    body.put("user_attributes", attributes.user(user));
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
  private Map<String, Object> mfaRequired(User user) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("type", "otp");
    meta.put("digits", mfa.config().digits());
    meta.put("mfa_token", mfa.pendingToken(user));
    meta.put("expires_in", mfa.config().tokenTtl().toSeconds());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_mfa_enabled", true);
    body.put("mfa_meta", meta);
    body.put("httpStatusCode", 200);
    return body;
  }
}
