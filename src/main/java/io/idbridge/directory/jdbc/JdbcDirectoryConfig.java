package io.idbridge.directory.jdbc;

import io.idbridge.config.ConfigReader;
import io.idbridge.jdbc.JdbcPoolConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of {@code directory.type=jdbc}: the pool, the configured SQL and the names of the
 * mapped columns.
 *
 * @param userByName a query with one {@code ?}, the login name, returning {@code id}, {@code
 *     password_hash} and any attribute columns
 * @param userById the same columns by {@code id}, for the attribute endpoints
 * @param updateHash an update with the new hash and the id as {@code ?}, and a third {@code ?}, the
 *     hash that was verified, to change the row only while it still holds that hash (a password
 *     changed meanwhile wins); empty: no rehash on login
 * @param columns the columns with a meaning of their own; every other one becomes an attribute
 */
public record JdbcDirectoryConfig(
    JdbcPoolConfig pool,
    String userByName,
    String userById,
    Optional<String> updateHash,
    UserColumns columns) {

  public static JdbcDirectoryConfig from(ConfigReader r, boolean active) {
    JdbcPoolConfig pool = JdbcPoolConfig.from(r, "directory.jdbc", active);
    Optional<String> byName = r.optional("directory.jdbc.userByName");
    Optional<String> byId = r.optional("directory.jdbc.userById");
    Optional<String> updateHash = r.optional("directory.jdbc.updateHash");
    Optional<String> displayName = column(r, "directory.jdbc.displayNameColumn");
    Optional<String> email = column(r, "directory.jdbc.emailColumn");
    Optional<String> disabled = column(r, "directory.jdbc.disabledColumn");
    if (active && byName.isEmpty()) {
      r.problem(
          "directory.jdbc.userByName",
          "required: a query by login name such as SELECT id, password_hash, "
              + "display_name, email FROM users WHERE username = ?",
          null);
    }
    if (active && byId.isEmpty()) {
      r.problem("directory.jdbc.userById", "required: the same query by id (WHERE id = ?)", null);
    }
    UserColumns columns =
        new UserColumns(
            displayName.orElse("display_name"),
            displayName.isPresent(),
            email.orElse("email"),
            email.isPresent(),
            disabled);
    return new JdbcDirectoryConfig(pool, byName.orElse(""), byId.orElse(""), updateHash, columns);
  }

  /**
   * Column labels compare without case: PostgreSQL folds unquoted names to lower case, MariaDB
   * keeps them.
   */
  private static Optional<String> column(ConfigReader r, String key) {
    return r.optional(key).map(name -> name.toLowerCase(Locale.ROOT));
  }
}
