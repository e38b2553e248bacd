package io.idbridge.directory;

import java.util.Map;
import java.util.Objects;

/**
 * A user as a directory knows it.
 *
 * @param id the stable federation id that every contract hands to its platform
 * @param username the login name
 * @param passwordHash a standard hash string, or empty where the directory checks passwords itself
 * @param attributes free attributes, handed to the platforms with the user
 * @param totpSecret the base32 TOTP secret, or empty when the user has none
 * @param totpConfirmed whether the secret was confirmed with a first code (until then login does
 *     not ask)
 */
public record User(
    String id,
    String username,
    String passwordHash,
    String displayName,
    String email,
    Map<String, String> attributes,
    boolean disabled,
    String totpSecret,
    boolean totpConfirmed) {

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    passwordHash = Objects.requireNonNullElse(passwordHash, "");
    displayName = Objects.requireNonNullElse(displayName, "");
    email = Objects.requireNonNullElse(email, "");
    attributes = Map.copyOf(Objects.requireNonNullElse(attributes, Map.of()));
    totpSecret = Objects.requireNonNullElse(totpSecret, "");
  }

  /** A new, enabled user without MFA. */
  public static User of(
      String id,
      String username,
      String passwordHash,
      String displayName,
      String email,
      Map<String, String> attributes) {
    return new User(id, username, passwordHash, displayName, email, attributes, false, "", false);
  }

  /** Whether login must ask this user for a TOTP code. */
  public boolean hasMfa() {
    return !totpSecret.isEmpty() && totpConfirmed;
  }

  public User withPasswordHash(String hash) {
    return new User(
        id, username, hash, displayName, email, attributes, disabled, totpSecret, totpConfirmed);
  }

  public User withDisabled(boolean value) {
    return new User(
        id,
        username,
        passwordHash,
        displayName,
        email,
        attributes,
        value,
        totpSecret,
        totpConfirmed);
  }

  public User withTotp(String secret, boolean confirmed) {
    return new User(
        id, username, passwordHash, displayName, email, attributes, disabled, secret, confirmed);
  }

  @Override
  public String toString() {
    // Never print the hash or the TOTP secret, wherever a user ends up in a log line.
    return "User[id=" + id + ", username=" + username + ", disabled=" + disabled + "]";
  }
}
