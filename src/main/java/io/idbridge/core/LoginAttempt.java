package io.idbridge.core;

/** A login name and password as a contract received them, with the client's address for failure tracking. */
public record LoginAttempt(String username, String password, String clientIp) {
  @Override
  public String toString() {
    return "LoginAttempt[username=" + username + ", clientIp=" + clientIp + "]";
  }
}
