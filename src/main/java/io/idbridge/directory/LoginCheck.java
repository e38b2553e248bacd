package io.idbridge.directory;

import java.util.Optional;

/**
 * What a directory says of a login name and password: the user when they match, otherwise a
 * rejection that may carry the backend's own error code and message (a login API behind the {@code
 * http} directory has them).
 */
public record LoginCheck(Optional<User> user, String backendErrorCode, String backendErrorMessage) {

  public static LoginCheck accepted(User user) {
    return new LoginCheck(Optional.of(user), "", "");
  }

  public static LoginCheck rejected() {
    return new LoginCheck(Optional.empty(), "", "");
  }

  public static LoginCheck rejected(String backendErrorCode, String backendErrorMessage) {
    return new LoginCheck(Optional.empty(), backendErrorCode, backendErrorMessage);
  }

  public boolean matched() {
    return user.isPresent();
  }
}
