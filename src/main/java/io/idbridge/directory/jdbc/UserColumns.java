package io.idbridge.directory.jdbc;

import io.idbridge.directory.User;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a row becomes a {@link User}: {@code id}, {@code password_hash} and {@code username} by those
 * names, the display name, e-mail and disabled flag by configured names, and every other column as
 * an attribute.
 *
 * @param displayNameRequired whether the name was configured, and so must be returned (the default
 *     may be absent)
 */
record UserColumns(
    String displayName,
    boolean displayNameRequired,
    String email,
    boolean emailRequired,
    Optional<String> disabled) {
  static final String ID = "id";
  static final String PASSWORD_HASH = "password_hash";
  static final String USERNAME = "username";

  /** The columns a query must return but does not; a query by name must return the hash as well. */
  List<String> missing(Set<String> labels, boolean byName) {
    List<String> required = new ArrayList<>(List.of(ID));
    if (byName) {
      required.add(PASSWORD_HASH);
    }
    if (displayNameRequired) {
      required.add(displayName);
    }
    if (emailRequired) {
      required.add(email);
    }
    disabled.ifPresent(required::add);
    required.removeAll(labels);
    return required;
  }

  /** The lower-case labels of a result's columns. */
  static Set<String> labels(ResultSetMetaData md) throws SQLException {
    Set<String> labels = new java.util.HashSet<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      labels.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
    }
    return labels;
  }

  /**
   * The user on the current row; empty when the row has no id.
   *
   * @param login the login name looked up, used when the row has no {@code username} column
   */
  Optional<User> toUser(ResultSet rs, String login) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    String id = null;
    String hash = "";
    String username = login;
    String name = "";
    String mail = "";
    boolean off = false;
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String label = md.getColumnLabel(i);
      String column = label.toLowerCase(Locale.ROOT);
      if (disabled.isPresent() && column.equals(disabled.get())) {
        off = truthy(rs.getObject(i));
        continue;
      }
      String value = rs.getString(i);
      if (column.equals(ID)) {
        id = value;
      } else if (column.equals(PASSWORD_HASH)) {
        hash = value;
      } else if (column.equals(USERNAME)) {
        username = value == null ? login : value;
      } else if (column.equals(displayName)) {
        name = value;
      } else if (column.equals(email)) {
        mail = value;
      } else if (value != null) {
        attributes.put(label, value);
      }
    }
    if (id == null) {
      return Optional.empty();
    }
    return Optional.of(new User(id, username, hash, name, mail, attributes, off, "", false));
  }

  /**
   * A flag as the databases write one: a boolean, a number, or a word such as {@code Y} or {@code
   * true}.
   */
  static boolean truthy(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.longValue() != 0;
    }
    if (value == null) {
      return false;
    }
    return Set.of("true", "t", "1", "yes", "y", "on")
        .contains(value.toString().trim().toLowerCase(Locale.ROOT));
  }
}
