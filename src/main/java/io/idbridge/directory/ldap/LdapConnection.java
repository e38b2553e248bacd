package io.idbridge.directory.ldap;

import javax.naming.NamingException;
import javax.naming.ldap.LdapContext;

/**
 * One open JNDI connection, closed by try-with-resources (JNDI's contexts are not {@link
 * AutoCloseable}).
 */
record LdapConnection(LdapContext ctx) implements AutoCloseable {

  @Override
  public void close() {
    try {
      ctx.close();
    } catch (NamingException e) {
      // Closing a connection that already failed: nothing left to release.
    }
  }
}
