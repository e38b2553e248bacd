package io.idbridge.core;

/**
 * A login name and password as a contract received them, with the client's address for failure
 * tracking.
 *
 * @param clientIp null when the address is unknown (a platform calls on the user's behalf): only
 *     the name counts
 */
public record LoginAttempt(String username, String password, String clientIp) {
  @Override
  public String toString() {
    return "LoginAttempt[username=" + username + ", clientIp=" + clientIp + "]";
  }
}
