package io.idbridge.metrics;

import io.idbridge.directory.User;
import io.idbridge.directory.WritableUserDirectory;
import java.util.List;

/**
 * A directory idbridge writes, timed: a separate class so that the MFA enrollment, which needs a
 * writable directory, still finds one.
 */
final class TimedWritableUserDirectory extends TimedUserDirectory implements WritableUserDirectory {
  private final WritableUserDirectory directory;

  TimedWritableUserDirectory(WritableUserDirectory directory, Metrics metrics) {
    super(directory, metrics);
    this.directory = directory;
  }

  @Override
  public void add(User user) {
    timer.run("add", () -> directory.add(user));
  }

  @Override
  public void update(User user) {
    timer.run("update", () -> directory.update(user));
  }

  @Override
  public List<User> list() {
    return timer.time("list", directory::list);
  }
}
