package io.idbridge.directory;

import java.util.Map;
import java.util.Optional;

/**
 * Where users live: a file, a SQL table, an LDAP tree or a backend's login API.
 *
 * <p>Every method throws {@link DirectoryUnavailableException} when the backend cannot be reached,
 * so that a client sees 503 rather than a wrong-password answer.
 */
public interface UserDirectory extends AutoCloseable {

  /**
   * Checks a password. An unknown user, a wrong password and (for the caller to decide) a disabled
   * user must cost the same time, so that neither the answer nor its timing tells which names
   * exist.
   */
  LoginCheck authenticate(String username, String password);

  /**
   * Checks a password with the login's other fields (a backend may need a caller id, say); only a
   * directory that forwards them to a backend reads them.
   */
  default LoginCheck authenticate(String username, String password, Map<String, String> fields) {
    return authenticate(username, password);
  }

  Optional<User> findById(String id);

  Optional<User> findByUsername(String username);

  /** Throws {@link DirectoryUnavailableException} when the backend cannot be reached. */
  void ping();

  /**
   * Tells the directory that a session of the user ended, for a backend with sessions of its own
   * (the http directory forwards it); a contract's logout calls it after revoking our session.
   * Never throws.
   */
  default void loggedOut(String userId) {}

  @Override
  default void close() {}
}
