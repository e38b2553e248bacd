package io.idbridge.appid;

import io.idbridge.http.ErrorReply;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestIds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What App ID's token endpoint answered, as the app gets it: its tokens relayed, or its refusal as
 * a 502 that says what to check. A refusal is never the app's fault here: our server made the
 * assertion and holds the credentials.
 */
final class AppIdAnswers {
  private static final System.Logger LOG = System.getLogger(AppIdAnswers.class.getName());
  private static final int MAX_DESCRIPTION = 200;

  private AppIdAnswers() {}

  /**
   * @param retryAfter when App ID asks to be called again, should it be rate-limiting
   */
  static Map<String, Object> read(int status, Duration retryAfter, Map<String, Object> json) {
    if (status / 100 == 2 && json.get("access_token") instanceof String) {
      Map<String, Object> tokens = new LinkedHashMap<>(json);
      // App ID sometimes sends expires_in as a string; RFC 6749 §5.1 and the apps expect a number.
      if (tokens.get("expires_in") instanceof String s && s.matches("\\d{1,18}")) {
        tokens.put("expires_in", Long.parseLong(s));
      }
      return tokens;
    }
    if (status == 429) {
      LOG.log(
          System.Logger.Level.WARNING,
          RequestIds.current() + " IBM App ID is rate-limiting the exchange");
      throw new HttpError(
          new ErrorReply(503, "appid_unavailable", "IBM App ID is busy; try again shortly")
              .retryingAfter(retryAfter));
    }
    if (status / 100 == 4 && json.get("error") instanceof String code) {
      String description =
          json.get("error_description") instanceof String d ? ": " + printable(d) : "";
      String refusal = printable(code) + description;
      LOG.log(
          System.Logger.Level.WARNING,
          RequestIds.current()
              + " IBM App ID refused the exchange with HTTP "
              + status
              + " ("
              + refusal
              + ")");
      throw new HttpError(
          502, "appid_rejected", "IBM App ID refused the assertion (" + refusal + ")" + hint(code));
    }
    LOG.log(
        System.Logger.Level.WARNING,
        RequestIds.current()
            + " IBM App ID answered the exchange with HTTP "
            + status
            + " and no token");
    throw new HttpError(
        502, "appid_error", "IBM App ID answered with HTTP " + status + " and no token; try again");
  }

  /** What an administrator most likely has to fix, by RFC 6749 §5.2 error code. */
  private static String hint(String code) {
    return switch (code) {
      case "invalid_grant" ->
          ". Check that App ID's custom identity public key is this server's /keys/signing.pem"
              + " and that appid.audience is the tenant's OAuth server URL.";
      case "invalid_client", "unauthorized_client" -> ". Check appid.clientId and appid.secret.";
      default -> "";
    };
  }

  /**
   * App ID's own text, shortened and without control characters, fit to quote in a log line and a
   * message.
   */
  private static String printable(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > MAX_DESCRIPTION ? clean.substring(0, MAX_DESCRIPTION) + "…" : clean;
  }
}
