package io.idbridge.directory.ldap;

import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.User;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;

/** Turns an LDAP entry into a {@link User}, as the {@code directory.ldap.*Attribute} keys say. */
final class LdapEntryMapping {
  private static final String OBJECT_GUID = "objectGUID";

  private final LdapDirectoryConfig config;
  private final String[] names;

  LdapEntryMapping(LdapDirectoryConfig config) {
    this.config = config;
    Set<String> all =
        new LinkedHashSet<>(
            List.of(
                config.idAttribute(),
                config.usernameAttribute(),
                config.displayNameAttribute(),
                config.emailAttribute()));
    all.addAll(config.attributes());
    this.names = all.toArray(String[]::new);
  }

  /** The attributes to ask the server for. */
  String[] names() {
    return names.clone();
  }

  /**
   * @param dn the entry's DN, for the message when it lacks an id
   * @param loginName the username when the entry has no {@code usernameAttribute}
   */
  User user(String dn, String loginName, Attributes entry) throws NamingException {
    // Every user needs an id; an entry without one is a setting that does not fit this server, not
    // a login failure to count against the user.
    String id =
        first(entry, config.idAttribute())
            .orElseThrow(
                () ->
                    new DirectoryUnavailableException(
                        "the entry "
                            + dn
                            + " has no "
                            + config.idAttribute()
                            + " (directory.ldap.idAttribute)",
                        null));
    Map<String, String> extra = new LinkedHashMap<>();
    for (String name : config.attributes()) {
      List<String> values = all(entry, name);
      if (!values.isEmpty()) {
        // Several values (groups, say) in one string; RFC 4514 escapes ';' inside DNs, so it stays
        // a separator.
        extra.put(name, String.join(";", values));
      }
    }
    return User.of(
        id,
        first(entry, config.usernameAttribute()).orElse(loginName),
        "",
        first(entry, config.displayNameAttribute()).orElse(""),
        first(entry, config.emailAttribute()).orElse(""),
        extra);
  }

  /**
   * The value a search by id compares: Active Directory's GUID as its bytes, anything else as the
   * text.
   */
  Optional<Object> idFilterValue(String id) {
    if (!OBJECT_GUID.equalsIgnoreCase(config.idAttribute())) {
      return Optional.of(id);
    }
    try {
      return Optional.of(guidBytes(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> first(Attributes entry, String name) throws NamingException {
    List<String> values = all(entry, name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private static List<String> all(Attributes entry, String name) throws NamingException {
    Attribute attribute = entry.get(name);
    List<String> values = new ArrayList<>();
    if (attribute == null) {
      return values;
    }
    NamingEnumeration<?> all = attribute.getAll();
    while (all.hasMore()) {
      values.add(text(name, all.next()));
    }
    return values;
  }

  private static String text(String name, Object value) {
    if (!(value instanceof byte[] bytes)) {
      return String.valueOf(value);
    }
    if (OBJECT_GUID.equalsIgnoreCase(name) && bytes.length == 16) {
      return guidText(bytes);
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Active Directory's GUID in its usual string form: the first three fields are stored
   * little-endian, the rest in order ([MS-DTYP] §2.3.4.2).
   */
  static String guidText(byte[] guid) {
    ByteBuffer in = ByteBuffer.wrap(guid);
    ByteBuffer swapped = ByteBuffer.allocate(16);
    swapped.putInt(in.order(ByteOrder.LITTLE_ENDIAN).getInt());
    swapped.putShort(in.getShort());
    swapped.putShort(in.getShort());
    swapped.put(in.order(ByteOrder.BIG_ENDIAN));
    swapped.flip();
    return new UUID(swapped.getLong(), swapped.getLong()).toString();
  }

  /**
   * The inverse of {@link #guidText}; throws {@link IllegalArgumentException} for a malformed GUID.
   */
  static byte[] guidBytes(String text) {
    UUID uuid = UUID.fromString(text);
    ByteBuffer in =
        ByteBuffer.allocate(16)
            .putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits())
            .flip();
    ByteBuffer out = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(in.getInt());
    out.putShort(in.getShort());
    out.putShort(in.getShort());
    out.put(in);
    return out.array();
  }
}
