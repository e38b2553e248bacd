package io.idbridge.directory.jdbc;

import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.HashedPasswordCheck;
import io.idbridge.directory.LoginCheck;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import io.idbridge.jdbc.JdbcPool;
import io.idbridge.jdbc.SqlErrors;
import java.util.Optional;

/**
 * Users in the customer's own SQL database, read with the configured prepared statements; the
 * hashes there (bcrypt, PBKDF2, …) are used as they are, and upgraded to argon2id at login when an
 * update statement is given.
 *
 * <p>The statements are checked on the first connection: at start-up, where a statement the
 * database refuses stops start-up, or, when the database was down then, once it is back (until
 * then, 503).
 */
public final class JdbcUserDirectory implements UserDirectory {
  private static final System.Logger LOG = System.getLogger(JdbcUserDirectory.class.getName());

  private final JdbcDirectoryConfig config;
  private final HashedPasswordCheck passwords;
  private final JdbcPool<UserQueries> pool;

  public JdbcUserDirectory(JdbcDirectoryConfig config, HashedPasswordCheck passwords) {
    this.config = config;
    this.passwords = passwords;
    this.pool =
        new JdbcPool<>(
            "the user database",
            config.pool(),
            c -> UserQueries.check(c, config),
            DirectoryUnavailableException::new);
  }

  @Override
  public LoginCheck authenticate(String username, String password) {
    return passwords.check(
        findByUsername(username), password, config.updateHash().isPresent() ? this::rehash : null);
  }

  @Override
  public Optional<User> findById(String id) {
    return pool.run((queries, c) -> queries.byId(c, id));
  }

  @Override
  public Optional<User> findByUsername(String username) {
    return pool.run((queries, c) -> queries.byName(c, username));
  }

  @Override
  public void ping() {
    pool.ping();
  }

  @Override
  public void close() {
    pool.close();
  }

  void rehash(User verified, String newHash) {
    try {
      pool.run((queries, c) -> queries.updateHash(c, verified, newHash));
    } catch (RuntimeException e) {
      // The login itself succeeded; the upgrade is tried again at the next one.
      LOG.log(
          System.Logger.Level.WARNING,
          "could not store the upgraded hash of user "
              + verified.id()
              + ": "
              + SqlErrors.describe(e));
    }
  }
}
