package io.idbridge.core;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A login name and password as a contract received them, with the client's address for failure
 * tracking.
 *
 * @param contract the contract that received them, whose code steps alone may complete the login
 * @param clientIp null when the address is unknown (a platform calls on the user's behalf): only
 *     the name counts
 * @param fields the login's other fields, for a directory that forwards them to its backend
 */
public record LoginAttempt(
    Contract contract,
    String username,
    String password,
    String clientIp,
    Map<String, String> fields) {
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  public LoginAttempt {
    fields = Map.copyOf(fields);
  }

  public LoginAttempt(Contract contract, String username, String password, String clientIp) {
    this(contract, username, password, clientIp, Map.of());
  }

  /** A NUL, a line break or another control character, which no login name has. */
  public boolean nameHasControlCharacters() {
    return CONTROL.matcher(username).find();
  }

  @Override
  public String toString() {
    return "LoginAttempt[contract="
        + contract
        + ", username="
        + username
        + ", clientIp="
        + clientIp
        + "]";
  }
}
