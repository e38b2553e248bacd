package io.idbridge.voltmx;

import io.idbridge.core.SessionLimitException;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Opens a session for a user Foundry logs in, and writes the agreement's answers to a login. */
final class VoltmxSessions {
  /** Foundry's app key, under its documented name and the older one deployed servers still send. */
  private static final String[] APP_KEY_HEADERS = {"X-VoltMX-App-Key", "X-Kony-App-Key"};

  private final Sessions sessions;
  private final VoltmxConfig config;
  private final VoltmxAttributes attributes;

  VoltmxSessions(Sessions sessions, VoltmxConfig config) {
    this.sessions = sessions;
    this.config = config;
    this.attributes = new VoltmxAttributes(config.securityAttributes());
  }

  /** The app the concurrent-login policy counts sessions in: the app key header, else a form field, else default. */
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
   * The answer to a login whose password matched: the MFA step when the user has a second factor, else a session
   * (agreement, "Sample Success Response if MFA not enabled"), saying {@code is_mfa_enabled} only when the
   * Foundry service has MFA enabled, since its absence means "this backend has no MFA".
   */
  Map<String, Object> login(User user, String app) {
    if (user.hasMfa()) {
      return mfaRequired();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (config.mfaEnabled()) {
      body.put("is_mfa_enabled", false);
    }
    body.putAll(open(user, app));
    return body;
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
      throw new HttpError(409, "session_limit",
          "the user already has an active session and the concurrent-login policy refuses another");
    }
    Map<String, Object> security = new LinkedHashMap<>();
    security.put("session_token", session.token());
    // The agreement's unit is milliseconds ("TTL in msecs").
    security.put("session_ttl", Duration.between(session.issuedAt(), session.expiresAt()).toMillis());
    attributes.security(user).forEach(security::putIfAbsent);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("security_attributes", security);
    body.put("user_attributes", attributes.user(user));
    // An integer: any other value fails the login in Foundry.
    body.put("httpStatusCode", 200);
    return body;
  }

  /**
   * The answer for a user whose second factor is still due: no attributes until MFA validate succeeds. Given
   * whether or not {@code voltmx.mfa.enabled} is set, since handing out a session would skip the factor.
   */
  private static Map<String, Object> mfaRequired() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("type", "otp");
    meta.put("digits", 6);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_mfa_enabled", true);
    body.put("mfa_meta", meta);
    body.put("httpStatusCode", 200);
    return body;
  }
}
