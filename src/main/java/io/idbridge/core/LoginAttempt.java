package io.idbridge.core;

import java.util.Map;

/**
 * A login name and password as a contract received them, with the client's address for failure
 * tracking.
 *
 * @param clientIp null when the address is unknown (a platform calls on the user's behalf): only
 *     the name counts
 * @param fields the login's other fields, for a directory that forwards them to its backend
 */
public record LoginAttempt(
    String username, String password, String clientIp, Map<String, String> fields) {

  public LoginAttempt {
    fields = Map.copyOf(fields);
  }

  public LoginAttempt(String username, String password, String clientIp) {
    this(username, password, clientIp, Map.of());
  }

  @Override
  public String toString() {
    return "LoginAttempt[username=" + username + ", clientIp=" + clientIp + "]";
  }
}
