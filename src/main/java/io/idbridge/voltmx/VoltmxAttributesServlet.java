package io.idbridge.voltmx;

import io.idbridge.core.InvalidSessionException;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /voltmx/user-attributes} and {@code GET /voltmx/security-attributes}: the agreement's
 * attribute endpoints, for the user the Foundry claims token names. Failures answer HTTP 200 (see
 * {@link VoltmxErrorShape}).
 */
public final class VoltmxAttributesServlet extends HttpServlet {
  /** Which attributes: the path that serves them and the name they answer under. */
  public enum Kind {
    USER("/voltmx/user-attributes", "user_attributes"),
    SECURITY("/voltmx/security-attributes", "security_attributes");

    private final String path;
    private final String field;

    Kind(String path, String field) {
      this.path = path;
      this.field = field;
    }

    public String path() {
      return path;
    }

    public String field() {
      return field;
    }
  }

  private final Kind kind;
  private final ClaimsTokens claims;
  private final UserDirectory directory;
  private final Sessions sessions;
  private final VoltmxAttributes attributes;

  public VoltmxAttributesServlet(
      Kind kind,
      ClaimsTokens claims,
      UserDirectory directory,
      Sessions sessions,
      VoltmxConfig config) {
    this.kind = kind;
    this.claims = claims;
    this.directory = directory;
    this.sessions = sessions;
    this.attributes = new VoltmxAttributes(config.securityAttributes());
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String userId = claims.userId(req);
    checkSession(req, userId);
    User user =
        directory
            .findById(userId)
            .filter(u -> !u.disabled())
            .orElseThrow(
                () ->
                    new HttpError(
                        404, "unknown_user", "no enabled user has the claims token's user id"));
    Map<String, Object> found = new LinkedHashMap<>();
    found.put("content_type", "application/json");
    if (kind == Kind.USER) {
      found.putAll(attributes.user(user));
    } else {
      found.put("user_id", user.id());
      found.putAll(attributes.security(user));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(kind.field, found);
    body.put("httpStatusCode", 200);
    body.put("opstatus", 0);
    Responses.write(req, res, 200, body);
  }

  /**
   * A {@code session_token} parameter, when sent, must be a live session of the same user: a
   * session revoked by logout or by the concurrent-login policy then fails here like everywhere
   * else.
   */
  private void checkSession(HttpServletRequest req, String userId) throws IOException {
    Optional<String> token = RequestBody.of(req).text("session_token").filter(t -> !t.isBlank());
    if (token.isEmpty()) {
      return;
    }
    try {
      if (!sessions.verify(token.get()).userId().equals(userId)) {
        throw VoltmxLogoutServlet.invalidSession();
      }
    } catch (InvalidSessionException e) {
      throw VoltmxLogoutServlet.invalidSession();
    }
  }
}
