package io.idbridge.directory.ldap;

import javax.naming.NamingException;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factory JNDI uses for {@code ldaps://} with our own trust store. JNDI takes a class
 * name and calls its static {@code getDefault()}, so the factory is handed over in a thread-local
 * around the connect, which JNDI does in the calling thread; several directories with different
 * trust stores can then coexist.
 */
public final class LdapsSocketFactory {
  private static final ThreadLocal<SSLSocketFactory> CURRENT = new ThreadLocal<>();

  private LdapsSocketFactory() {}

  /** Called by JNDI, by reflection, while {@link #with} runs. */
  public static SocketFactory getDefault() {
    SSLSocketFactory factory = CURRENT.get();
    return factory != null ? factory : SSLSocketFactory.getDefault();
  }

  interface Connect<T> {
    T run() throws NamingException;
  }

  /**
   * Runs a connect with {@code factory} as the one {@link #getDefault} returns; null for the JDK's
   * default.
   */
  static <T> T with(SSLSocketFactory factory, Connect<T> connect) throws NamingException {
    CURRENT.set(factory);
    try {
      return connect.run();
    } finally {
      CURRENT.remove();
    }
  }
}
