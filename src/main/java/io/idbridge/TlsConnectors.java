package io.idbridge;

import io.idbridge.tls.ServerCertificate;
import io.idbridge.tls.TlsConfig;
import java.time.Clock;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The embedded server's HTTPS connector, and the plain one that redirects to it. */
final class TlsConnectors {
  private static final System.Logger LOG = System.getLogger(TlsConnectors.class.getName());

  /** TLS 1.3's suites, then Mozilla's "intermediate" TLS 1.2 ones: forward secret AEAD only. */
  static final String[] CIPHER_SUITES = {
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  };

  private TlsConnectors() {}

  /**
   * The HTTPS connector, serving the certificate of {@code tls} and re-reading it when its files
   * change.
   *
   * @throws io.idbridge.config.ConfigException when the certificate cannot be read or is unfit
   */
  static ServerConnector https(Server server, HttpConfiguration http, TlsConfig tls, Clock clock) {
    ServerCertificate certificate = ServerCertificate.load(tls, clock.instant());
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(certificate.keyStore());
    ssl.setKeyStorePassword(certificate.password());
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    ssl.setIncludeCipherSuites(CIPHER_SUITES);
    ssl.setRenegotiationAllowed(false);
    HttpConfiguration https = new HttpConfiguration(http);
    https.setSecureScheme("https");
    // One certificate, nothing to choose by name: the client's own check of the name is what
    // counts, and a request for another Host is no reason for Jetty's bare 400.
    https.addCustomizer(new SecureRequestCustomizer(false));
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    server.addBean(new CertificateReloader(server.getScheduler(), ssl, tls, certificate, clock));
    LOG.log(System.Logger.Level.INFO, "TLS certificate: " + certificate.describe());
    return connector;
  }

  /** Adds the plain HTTP port of {@code server.tls.redirectHttp}, which sends clients to HTTPS. */
  static void redirectHttp(Server server, ServerConnector https, String host, TlsConfig tls) {
    ServerConnector plain = new ServerConnector(server);
    plain.setHost(host);
    plain.setPort(tls.redirectHttpPort());
    server.addConnector(plain);
    server.setHandler(new HttpsRedirect(server.getHandler(), plain, https));
  }
}
