package io.idbridge.directory;

import io.idbridge.password.PasswordHashes;
import java.util.Optional;

/**
 * Checks a password against a stored hash, for the directories that hand out hashes (file, jdbc):
 * the same work for an unknown user as for a known one, and a transparent upgrade of older hash
 * formats on success.
 */
public final class HashedPasswordCheck {
  private final PasswordHashes hashes;

  public HashedPasswordCheck(PasswordHashes hashes) {
    this.hashes = hashes;
  }

  /** Stores the new hash of a user whose older-format hash a login just verified. */
  @FunctionalInterface
  public interface Rehash {
    /**
     * @param verified the user as read before the password was verified: the store keeps its
     *     current hash when it is no longer this one (a password changed meanwhile wins)
     */
    void store(User verified, String newHash);
  }

  /**
   * @param found the user looked up by login name, if any
   * @param rehash stores a new default-format hash for the user; null where the directory cannot
   *     write
   */
  public LoginCheck check(Optional<User> found, String password, Rehash rehash) {
    if (found.isEmpty() || found.get().passwordHash().isEmpty()) {
      // Same cost as a real verification: no user enumeration by timing.
      hashes.verifyDummy(password);
      return LoginCheck.rejected();
    }
    User user = found.get();
    if (!hashes.verify(password, user.passwordHash())) {
      return LoginCheck.rejected();
    }
    if (rehash != null && !user.disabled() && hashes.needsRehash(user.passwordHash())) {
      String upgraded = hashes.hash(password);
      rehash.store(user, upgraded);
      return LoginCheck.accepted(user.withPasswordHash(upgraded));
    }
    return LoginCheck.accepted(user);
  }

  public PasswordHashes hashes() {
    return hashes;
  }
}
