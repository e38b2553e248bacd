package io.idbridge.mca;

import io.idbridge.directory.User;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer to MCA, always HTTP 200: {@code {"status":"challenge"|"success"|"failure", "stateId"?,
 * "challenge"?, "userIdentity"?}}.
 */
record McaReply(Map<String, Object> body) {

  static McaReply challenge(String stateId, Map<String, Object> challenge) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "challenge");
    body.put("stateId", stateId);
    body.put("challenge", challenge);
    return new McaReply(body);
  }

  /**
   * The user's identity: {@code userName} is the stable user id, as every contract hands it to its
   * platform, or the login name ({@code mca.userName}, and the id then travels as attribute {@code
   * id}); the login name and email travel in {@code attributes}, where they override an attribute
   * of the same name.
   */
  static McaReply success(User user, McaConfig.UserName userName) {
    Map<String, Object> attributes = new LinkedHashMap<>(user.attributes());
    attributes.put("username", user.username());
    if (!user.email().isEmpty()) {
      attributes.put("email", user.email());
    }
    if (userName == McaConfig.UserName.USERNAME) {
      attributes.put("id", user.id());
    }
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put(
        "userName",
        switch (userName) {
          case ID -> user.id();
          case USERNAME -> user.username();
        });
    // displayName is required by MCA: the login name stands in when the directory has none.
    identity.put(
        "displayName", user.displayName().isEmpty() ? user.username() : user.displayName());
    identity.put("attributes", attributes);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("userIdentity", identity);
    return new McaReply(body);
  }

  static McaReply failure() {
    return new McaReply(Map.of("status", "failure"));
  }
}
