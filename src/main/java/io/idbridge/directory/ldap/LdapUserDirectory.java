package io.idbridge.directory.ldap;

import io.idbridge.directory.DirectoryUnavailableException;
import io.idbridge.directory.LoginCheck;
import io.idbridge.directory.User;
import io.idbridge.directory.UserDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.AuthenticationException;
import javax.naming.InvalidNameException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NoPermissionException;
import javax.naming.PartialResultException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Users in an LDAP server or Active Directory: a login is a bind with the user's own DN and
 * password, the DN made from a template or found by a search; lookups use the service account, or
 * no bind when there is none.
 */
public final class LdapUserDirectory implements UserDirectory {
  private static final System.Logger LOG = System.getLogger(LdapUserDirectory.class.getName());

  private final LdapDirectoryConfig config;
  private final LdapConnector connector;
  private final LdapEntryMapping mapping;

  public LdapUserDirectory(LdapDirectoryConfig config) {
    this.config = config;
    this.connector = new LdapConnector(config);
    this.mapping = new LdapEntryMapping(config);
  }

  @Override
  public LoginCheck authenticate(String username, String password) {
    // Before any bind: with an empty password a bind is unauthenticated (RFC 4513 §5.1.2), which
    // some servers (Active Directory among them) answer with success.
    if (password.isEmpty() || nobodysName(username)) {
      return LoginCheck.rejected();
    }
    return call(
        () ->
            config.mode() == LdapDirectoryConfig.Mode.DN_TEMPLATE
                ? bindByTemplate(username, password)
                : searchThenBind(username, password));
  }

  private LoginCheck bindByTemplate(String username, String password) throws NamingException {
    String dn = userDn(username);
    // An unknown name costs the same single bind as a wrong password: the server refuses both
    // alike.
    Optional<LdapConnection> bound = bindAs(dn, password);
    if (bound.isEmpty()) {
      return LoginCheck.rejected();
    }
    try (LdapConnection c = bound.get()) {
      return LoginCheck.accepted(
          mapping.user(dn, username, c.ctx().getAttributes(new LdapName(dn), mapping.names())));
    }
  }

  private LoginCheck searchThenBind(String username, String password) throws NamingException {
    Optional<SearchResult> entry;
    try (LdapConnection c = lookup()) {
      entry = searchOne(c, config.searchFilter(), username);
    }
    if (entry.isEmpty()) {
      // An unknown name still costs a bind, against a DN that does not exist, so that neither the
      // answer nor its time tells it from a wrong password.
      try {
        bindAs("cn=idbridge-no-such-user," + config.searchBase(), password)
            .ifPresent(LdapConnection::close);
      } catch (NameNotFoundException e) {
        // Some servers say so rather than refusing the password: the same outcome.
      }
      return LoginCheck.rejected();
    }
    String dn = entry.get().getNameInNamespace();
    Optional<LdapConnection> bound = bindAs(dn, password);
    if (bound.isEmpty()) {
      return LoginCheck.rejected();
    }
    bound.get().close();
    return LoginCheck.accepted(mapping.user(dn, username, entry.get().getAttributes()));
  }

  /** The connection bound as {@code dn}; empty when the server refuses the password or the name. */
  private Optional<LdapConnection> bindAs(String dn, String password) throws NamingException {
    try {
      return Optional.of(connector.bind(dn, password));
    } catch (AuthenticationException | InvalidNameException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<User> findById(String id) {
    Optional<Object> value = mapping.idFilterValue(id);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return call(
        () -> {
          try (LdapConnection c = lookup()) {
            Optional<SearchResult> entry =
                searchOne(c, "(" + config.idAttribute() + "={0})", value.get());
            return entry.isEmpty()
                ? Optional.empty()
                : Optional.of(
                    mapping.user(
                        entry.get().getNameInNamespace(), id, entry.get().getAttributes()));
          }
        });
  }

  @Override
  public Optional<User> findByUsername(String username) {
    if (nobodysName(username)) {
      return Optional.empty();
    }
    return call(
        () -> {
          try (LdapConnection c = lookup()) {
            if (config.mode() == LdapDirectoryConfig.Mode.SEARCH) {
              Optional<SearchResult> entry = searchOne(c, config.searchFilter(), username);
              return entry.isEmpty()
                  ? Optional.empty()
                  : Optional.of(
                      mapping.user(
                          entry.get().getNameInNamespace(), username, entry.get().getAttributes()));
            }
            String dn = userDn(username);
            try {
              return Optional.of(
                  mapping.user(
                      dn, username, c.ctx().getAttributes(new LdapName(dn), mapping.names())));
            } catch (NameNotFoundException e) {
              return Optional.empty();
            }
          }
        });
  }

  /** Connects, binds as the service account when there is one, and reads the root DSE. */
  @Override
  public void ping() {
    call(
        () -> {
          try (LdapConnection c = lookup()) {
            c.ctx().getAttributes("", new String[] {"supportedLDAPVersion"});
          } catch (NoPermissionException e) {
            // The server answered: it is up, it just keeps its root entry to itself.
          }
          return null;
        });
  }

  /** Blank, or with a control character: nobody's name, and one that would make a malformed DN. */
  private static boolean nobodysName(String username) {
    return username.isBlank() || username.chars().anyMatch(Character::isISOControl);
  }

  /**
   * The DN of a login name: RFC 4514 escaping keeps the name one attribute value, whatever it
   * contains.
   */
  private String userDn(String username) {
    return config.userDnTemplate().replace("{0}", Rdn.escapeValue(username));
  }

  /**
   * A connection for searches and lookups: bound as the service account, or not bound when there is
   * none.
   */
  private LdapConnection lookup() throws NamingException {
    if (config.bindDn().isEmpty()) {
      return connector.anonymous();
    }
    try {
      return connector.bind(config.bindDn(), config.bindPassword());
    } catch (AuthenticationException e) {
      throw new DirectoryUnavailableException(
          "the LDAP server refused the service account "
              + config.bindDn()
              + " (directory.ldap.bindDn, directory.ldap.bindPassword): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The one entry under the search base that matches; empty when none or several do (several means
   * the filter does not single out a user: logged, and nobody logs in with it).
   */
  private Optional<SearchResult> searchOne(LdapConnection c, String filter, Object value)
      throws NamingException {
    SearchControls controls =
        new SearchControls(
            SearchControls.SUBTREE_SCOPE,
            2,
            (int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis()),
            mapping.names(),
            false,
            false);
    // JNDI substitutes {0} escaped as RFC 4515 says (*, (, ), \ and NUL as \2a, \28, \29, \5c, \00;
    // bytes as \hh), so a login name cannot change the filter.
    NamingEnumeration<SearchResult> results =
        c.ctx().search(new LdapName(config.searchBase()), filter, new Object[] {value}, controls);
    List<SearchResult> found = new ArrayList<>();
    try {
      while (results.hasMore()) {
        found.add(results.next());
      }
    } catch (SizeLimitExceededException e) {
      found.add(null);
    } catch (PartialResultException e) {
      // Active Directory's referrals to other partitions, which are not followed: what was found
      // stands.
    } finally {
      results.close();
    }
    if (found.size() > 1) {
      LOG.log(
          System.Logger.Level.WARNING,
          "several LDAP entries match "
              + filter
              + " for one value under "
              + config.searchBase()
              + ": refusing them all; make directory.ldap.searchFilter single out one user");
      return Optional.empty();
    }
    return found.stream().findFirst();
  }

  private interface LdapCall<T> {
    T run() throws NamingException;
  }

  /**
   * Runs a call; a server that cannot be reached, or answers with an error, makes the directory
   * unavailable.
   */
  private <T> T call(LdapCall<T> call) {
    try {
      return call.run();
    } catch (NamingException e) {
      throw new DirectoryUnavailableException("LDAP server " + config.url() + ": " + e, e);
    }
  }
}
