package io.idbridge.directory.ldap;

import io.idbridge.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Hashtable;
import java.util.List;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens JNDI connections to the LDAP server, bound as a DN or anonymous, over TLS where configured.
 */
final class LdapConnector {
  private final LdapDirectoryConfig config;

  /** Sockets trusting the configured trust store; null for the JDK's default trust. */
  private final SSLSocketFactory tls;

  LdapConnector(LdapDirectoryConfig config) {
    this.config = config;
    try {
      this.tls =
          config.trustStore().isEmpty()
              ? null
              : trustStoreSockets(config.trustStore().get(), config.trustStorePassword());
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          List.of("directory.ldap.trustStore: cannot be read: " + e.getMessage()));
    }
  }

  static SSLSocketFactory trustStoreSockets(Path file, String password)
      throws IOException, GeneralSecurityException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + " does not exist");
    }
    KeyStore store = KeyStore.getInstance(file.toFile(), password.toCharArray());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  /** Connects without binding (LDAPv3 needs no anonymous bind, RFC 4511 §4.2). */
  LdapConnection anonymous() throws NamingException {
    return open("", "");
  }

  /**
   * Connects and binds as {@code dn}: a refused password throws {@link
   * javax.naming.AuthenticationException}. The password must not be empty: with none, a simple bind
   * is an unauthenticated bind (RFC 4513 §5.1.2), which some servers answer with success.
   */
  LdapConnection bind(String dn, String password) throws NamingException {
    if (dn.isEmpty() || password.isEmpty()) {
      throw new IllegalArgumentException("a bind needs a DN and a password");
    }
    return open(dn, password);
  }

  private LdapConnection open(String dn, String password) throws NamingException {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, config.url().toString());
    env.put("java.naming.ldap.version", "3");
    env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(config.connectTimeout().toMillis()));
    env.put("com.sun.jndi.ldap.read.timeout", Long.toString(config.readTimeout().toMillis()));
    // Active Directory's GUIDs are bytes: JNDI would otherwise decode them as text and lose them.
    env.put("java.naming.ldap.attributes.binary", "objectGUID");
    env.put(Context.REFERRAL, "ignore");
    boolean bindNow = !dn.isEmpty() && !config.startTls();
    if (bindNow) {
      credentials(env, dn, password);
    } else {
      env.put(Context.SECURITY_AUTHENTICATION, "none");
    }
    if (config.ldaps() && tls != null) {
      env.put("java.naming.ldap.factory.socket", LdapsSocketFactory.class.getName());
    }
    LdapContext ctx = LdapsSocketFactory.with(tls, () -> new InitialLdapContext(env, null));
    LdapConnection connection = new LdapConnection(ctx);
    try {
      if (config.startTls()) {
        startTls(ctx);
        if (!dn.isEmpty()) {
          ctx.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
          ctx.addToEnvironment(Context.SECURITY_PRINCIPAL, dn);
          ctx.addToEnvironment(Context.SECURITY_CREDENTIALS, password);
          // Binds now, over the same (now encrypted) connection: JNDI would otherwise wait for the
          // next operation.
          ctx.reconnect(null);
        }
      }
      return connection;
    } catch (NamingException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private static void credentials(Hashtable<String, Object> env, String dn, String password) {
    env.put(Context.SECURITY_AUTHENTICATION, "simple");
    env.put(Context.SECURITY_PRINCIPAL, dn);
    env.put(Context.SECURITY_CREDENTIALS, password);
  }

  private void startTls(LdapContext ctx) throws NamingException {
    StartTlsResponse response = (StartTlsResponse) ctx.extendedOperation(new StartTlsRequest());
    try {
      response.negotiate(tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault());
    } catch (IOException e) {
      CommunicationException failed =
          new CommunicationException("StartTLS failed: " + e.getMessage());
      failed.setRootCause(e);
      throw failed;
    }
  }
}
