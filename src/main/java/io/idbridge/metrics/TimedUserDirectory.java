package io.idbridge.metrics;

import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.LoginCheck;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import java.util.Map;
import java.util.Optional;

/** A user directory whose calls are timed in {@code idbridge_directory_call_seconds}. */
class TimedUserDirectory implements UserDirectory {
  private final UserDirectory directory;
  final Timer timer;

  TimedUserDirectory(UserDirectory directory, Metrics metrics) {
    this.directory = directory;
    this.timer =
        new Timer(
            metrics.directoryCalls, metrics.directoryErrors, DirectoryUnavailableException.class);
  }

  @Override
  public LoginCheck authenticate(String username, String password) {
    return timer.time("authenticate", () -> directory.authenticate(username, password));
  }

  @Override
  public LoginCheck authenticate(String username, String password, Map<String, String> fields) {
    return timer.time("authenticate", () -> directory.authenticate(username, password, fields));
  }

  @Override
  public Optional<User> findById(String id) {
    return timer.time("find_by_id", () -> directory.findById(id));
  }

  @Override
  public Optional<User> findByUsername(String username) {
    return timer.time("find_by_username", () -> directory.findByUsername(username));
  }

  @Override
  public void ping() {
    timer.run("ping", directory::ping);
  }

  @Override
  public void loggedOut(String userId) {
    timer.run("logged_out", () -> directory.loggedOut(userId));
  }

  @Override
  public void close() {
    directory.close();
  }
}
