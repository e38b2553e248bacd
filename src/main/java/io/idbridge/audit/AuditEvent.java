package io.idbridge.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One security event. It never carries a password, a token, a code or a secret: only who, where,
 * what and why.
 *
 * @param loginName the name as typed, for failures (a user id is not known then)
 * @param detail why it failed ({@code invalid_credentials}), or what changed ({@code password}, a
 *     key's id)
 */
public record AuditEvent(
    Instant time,
    Kind kind,
    String requestId,
    String contract,
    String userId,
    String loginName,
    String clientAddress,
    Outcome outcome,
    String detail) {

  public enum Kind {
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    LOGIN_THROTTLED,
    LOGOUT,
    SESSION_REVOKED,
    MFA_PASSED,
    MFA_FAILED,
    MFA_ENROLLED,
    MFA_REMOVED,
    KEY_GENERATED,
    USER_ADDED,
    USER_CHANGED,
    USER_DISABLED;

    /** {@code login.succeeded}, {@code mfa.enrolled}, …: what the event field says. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");
    }
  }

  public enum Outcome {
    SUCCESS,
    FAILURE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The fields in a fixed order, absent ones left out: the JSON object of every sink. */
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("time", time.toString());
    f.put("event", kind.label());
    f.put("request_id", requestId);
    f.put("contract", contract);
    putIfSet(f, "user_id", userId);
    putIfSet(f, "login_name", loginName);
    f.put("client", clientAddress);
    f.put("outcome", outcome.label());
    putIfSet(f, "detail", detail);
    return f;
  }

  private static void putIfSet(Map<String, Object> f, String name, String value) {
    if (value != null) {
      f.put(name, value);
    }
  }
}
