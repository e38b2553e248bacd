package io.idbridge.connectycube;

import io.idbridge.core.InvalidSessionException;
import io.idbridge.core.Sessions;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.http.BearerTokens;
import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import io.idbridge.http.RequestIds;
import io.idbridge.http.Responses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /connectycube/verify}: ConnectyCube (or QuickBlox) asks whether the token an app
 * logged in with is a live session from our {@code /api/login}, and gets the user back.
 */
public final class ConnectyCubeVerifyServlet extends HttpServlet {
  private static final System.Logger LOG =
      System.getLogger(ConnectyCubeVerifyServlet.class.getName());

  private final ConnectyCubeConfig config;
  private final Sessions sessions;
  private final UserDirectory directory;

  public ConnectyCubeVerifyServlet(
      ConnectyCubeConfig config, Sessions sessions, UserDirectory directory) {
    this.config = config;
    this.sessions = sessions;
    this.directory = directory;
  }

  // The starter kit answers both methods: the dashboard's template decides which one ConnectyCube
  // uses.
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    verify(req, res);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    verify(req, res);
  }

  private void verify(HttpServletRequest req, HttpServletResponse res) throws IOException {
    RequestBody body = RequestBody.of(req);
    // Older ConnectyCube docs send user_id + access_token instead of the mapped token parameter;
    // the dashboard's request-header template can send it as a Bearer token.
    String token =
        field(body, config.tokenParam())
            .or(() -> field(body, "access_token"))
            .or(() -> BearerTokens.of(req))
            .orElseThrow(
                () -> {
                  refused(
                      "no "
                          + config.tokenParam()
                          + " or access_token parameter, no Authorization: Bearer");
                  return new HttpError(
                      400,
                      "missing_token",
                      "Sign-in failed because no token was sent. Please sign in again.");
                });
    Sessions.SessionClaims session;
    try {
      session = sessions.verify(token);
    } catch (InvalidSessionException e) {
      refused("session token " + e.reason().name().toLowerCase(Locale.ROOT));
      throw switch (e.reason()) {
        case EXPIRED -> unauthorized("Your sign-in has expired. Please sign in again.");
        case REVOKED -> unauthorized("You have signed out. Please sign in again.");
        case INVALID -> unauthorized("Your sign-in is not valid. Please sign in again.");
      };
    }
    if (config.audience().isPresent()
        && !session.claims().audience().contains(config.audience().get())) {
      refused("session token not issued for audience " + config.audience().get());
      throw unauthorized("Your sign-in is not valid for chat. Please sign in to the app again.");
    }
    Optional<String> claimedUser = field(body, "user_id");
    if (claimedUser.isPresent() && !claimedUser.get().equals(session.userId())) {
      refused("user_id is not the token's user");
      throw unauthorized("Your sign-in is not valid. Please sign in again.");
    }
    User user =
        directory
            .findById(session.userId())
            .filter(u -> !u.disabled())
            .orElseThrow(
                () -> {
                  refused(
                      "user "
                          + session.userId()
                          + " deleted or disabled since the token was issued");
                  return unauthorized(
                      "This account can no longer sign in. Please contact support.");
                });
    Responses.writeJson(res, 200, body(user));
  }

  /**
   * The user in both shapes the dashboard's response mapping may name: {@code #{uid}} and {@code
   * #{user.id}}. Blank fields are left out rather than sent empty, which ConnectyCube could take as
   * a value to store.
   */
  static Map<String, Object> body(User user) {
    Map<String, Object> person = new LinkedHashMap<>();
    person.put("login", user.username());
    putIfNotBlank(person, "full_name", user.displayName());
    putIfNotBlank(person, "email", user.email());
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("id", user.id());
    nested.putAll(person);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("uid", user.id());
    body.putAll(person);
    body.put("user", nested);
    return body;
  }

  private static void putIfNotBlank(Map<String, Object> map, String name, String value) {
    if (!value.isBlank()) {
      map.put(name, value);
    }
  }

  private static Optional<String> field(RequestBody body, String name) {
    return body.text(name).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static HttpError unauthorized(String sentence) {
    return new HttpError(401, "invalid_token", sentence);
  }

  private static void refused(String why) {
    LOG.log(
        System.Logger.Level.INFO, RequestIds.current() + " connectycube verify refused: " + why);
  }
}
