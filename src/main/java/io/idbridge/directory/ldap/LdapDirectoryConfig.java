package io.idbridge.directory.ldap;

import io.idbridge.config.ConfigReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * The settings of {@code directory.type=ldap}, read from {@code directory.ldap.*}.
 *
 * @param userDnTemplate the user's DN with {@code {0}} for the login name; empty in search mode
 * @param bindDn the service account that searches and looks users up; empty for anonymous
 * @param searchBase where users are searched; in DN-template mode the template's parent unless set
 * @param searchFilter the filter with {@code {0}} for the login name, in search mode; empty in
 *     DN-template mode
 * @param attributes further attributes copied into the user's attributes
 * @param trustStore the certificates trusted for ldaps:// and StartTLS; empty for the JDK's own
 */
public record LdapDirectoryConfig(
    URI url,
    boolean startTls,
    String userDnTemplate,
    String bindDn,
    String bindPassword,
    String searchBase,
    String searchFilter,
    String idAttribute,
    String usernameAttribute,
    String displayNameAttribute,
    String emailAttribute,
    List<String> attributes,
    Duration connectTimeout,
    Duration readTimeout,
    Optional<Path> trustStore,
    String trustStorePassword) {

  private static final String P = "directory.ldap.";

  /** The URL of a configuration not in use, or one with a problem (start-up stops then). */
  private static final URI UNUSED_URL = URI.create("ldap://localhost");

  /**
   * An attribute description (RFC 4512 §2.5): a name or OID, with options such as {@code ;binary}.
   */
  private static final Pattern ATTRIBUTE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*(;[A-Za-z0-9-]+)*");

  /** How a login name becomes a DN. */
  public enum Mode {
    DN_TEMPLATE,
    SEARCH
  }

  /**
   * Reads every key; the rules between them are checked only when this is the directory in use.
   *
   * @param used whether {@code directory.type} is {@code ldap}
   */
  public static LdapDirectoryConfig from(ConfigReader r, boolean used) {
    String url = r.string(P + "url", "");
    boolean startTls = r.bool(P + "startTls", false);
    String template = r.string(P + "userDnTemplate", "");
    String bindDn = r.string(P + "bindDn", "");
    String bindPassword = r.secret(P + "bindPassword").orElse("");
    String searchBase = r.string(P + "searchBase", "");
    String searchFilter = r.string(P + "searchFilter", "");
    String id = attribute(r, "idAttribute", "uid");
    String username = attribute(r, "usernameAttribute", "uid");
    String displayName = attribute(r, "displayNameAttribute", "cn");
    String email = attribute(r, "emailAttribute", "mail");
    List<String> attributes = r.list(P + "attributes", "");
    attributes.stream()
        .filter(a -> !ATTRIBUTE.matcher(a).matches())
        .forEach(a -> r.problem(P + "attributes", "is not an attribute name", a));
    Duration max = Duration.ofMinutes(5);
    Duration connect =
        r.duration(P + "connectTimeout", Duration.ofSeconds(5), Duration.ofMillis(10), max);
    Duration read =
        r.duration(P + "readTimeout", Duration.ofSeconds(10), Duration.ofMillis(10), max);
    Optional<Path> trustStore = r.optional(P + "trustStore").map(Path::of);
    String trustStorePassword = r.secret(P + "trustStorePassword").orElse("");
    LdapDirectoryConfig config =
        new LdapDirectoryConfig(
            used ? url(r, url) : UNUSED_URL,
            startTls,
            template,
            bindDn,
            bindPassword,
            searchBase,
            searchFilter,
            id,
            username,
            displayName,
            email,
            attributes,
            connect,
            read,
            trustStore,
            trustStorePassword);
    return used ? config.checked(r) : config;
  }

  /**
   * Checks the rules between the keys; the search base of a DN template defaults to the template's
   * parent.
   */
  private LdapDirectoryConfig checked(ConfigReader r) {
    if (startTls && ldaps()) {
      r.problem(P + "startTls", "is for ldap:// URLs; ldaps:// is TLS from the start", "true");
    }
    if (userDnTemplate.isEmpty() == searchFilter.isEmpty()) {
      r.problem(
          P + "userDnTemplate",
          "set either it (bind with a DN made from the login name) or "
              + P
              + "searchFilter (find the DN with a search), not both",
          userDnTemplate.isEmpty() ? null : userDnTemplate);
    }
    String base = searchBase;
    if (!userDnTemplate.isEmpty()) {
      base = base.isEmpty() ? parent(r, userDnTemplate) : base;
    } else if (!searchFilter.contains("{0}")) {
      r.problem(P + "searchFilter", "must contain {0} where the login name goes", searchFilter);
    } else if (base.isEmpty()) {
      r.problem(P + "searchBase", "is required with " + P + "searchFilter", null);
    }
    // A DN with an empty password is an unauthenticated bind, which some servers answer with
    // success.
    if (!bindDn.isEmpty() && bindPassword.isEmpty()) {
      r.problem(P + "bindPassword", "is required with " + P + "bindDn", null);
    }
    trustStore.ifPresent(path -> checkTrustStore(r, path, trustStorePassword));
    return new LdapDirectoryConfig(
        url,
        startTls,
        userDnTemplate,
        bindDn,
        bindPassword,
        base,
        searchFilter,
        idAttribute,
        usernameAttribute,
        displayNameAttribute,
        emailAttribute,
        attributes,
        connectTimeout,
        readTimeout,
        trustStore,
        trustStorePassword);
  }

  private static String attribute(ConfigReader r, String name, String defaultValue) {
    String value = r.string(P + name, defaultValue);
    if (!ATTRIBUTE.matcher(value).matches()) {
      r.problem(P + name, "is not an attribute name", value);
    }
    return value;
  }

  public Mode mode() {
    return userDnTemplate.isEmpty() ? Mode.SEARCH : Mode.DN_TEMPLATE;
  }

  public boolean ldaps() {
    return "ldaps".equals(url.getScheme());
  }

  private static URI url(ConfigReader r, String url) {
    if (url.isEmpty()) {
      r.problem(P + "url", "is required when directory.type is ldap", null);
      return UNUSED_URL;
    }
    try {
      URI uri = new URI(url);
      if (("ldap".equals(uri.getScheme()) || "ldaps".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    r.problem(P + "url", "must be ldap://host[:port] or ldaps://host[:port]", url);
    return UNUSED_URL;
  }

  /** The template's DN without its first RDN: where the users it names live. */
  private static String parent(ConfigReader r, String template) {
    try {
      if (!template.contains("{0}")) {
        r.problem(P + "userDnTemplate", "must contain {0} where the login name goes", template);
        return "";
      }
      LdapName dn = new LdapName(template.replace("{0}", "x"));
      // LdapName counts RDNs from the right: the prefix of size-1 drops the leftmost.
      return dn.getPrefix(dn.size() - 1).toString();
    } catch (InvalidNameException | IndexOutOfBoundsException e) {
      r.problem(P + "userDnTemplate", "is not a DN", template);
      return "";
    }
  }

  private static void checkTrustStore(ConfigReader r, Path path, String password) {
    try {
      LdapConnector.trustStoreSockets(path, password);
    } catch (IOException | GeneralSecurityException e) {
      r.problem(P + "trustStore", "cannot be read: " + e.getMessage(), path.toString());
    }
  }
}
