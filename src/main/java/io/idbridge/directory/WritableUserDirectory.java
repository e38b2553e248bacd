package io.idbridge.directory;

import java.util.List;

/** A directory that idbridge itself administers: the CLI adds and changes users in it. */
public interface WritableUserDirectory extends UserDirectory {

  /** Adds a user; fails with {@link IllegalArgumentException} when the username is taken. */
  void add(User user);

  /** Replaces the user with the same id. */
  void update(User user);

  List<User> list();
}
