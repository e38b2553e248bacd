package io.idbridge.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of a test's own: issues server certificates for localhost and 127.0.0.1,
 * and makes the client's SSL context that trusts it (JDK providers only; none is registered).
 */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private final KeyPair caKeys = TestKeys.ec();
  private final X509Certificate ca;

  public TestCertificates() {
    Instant now = Instant.now();
    ca =
        sign(
            new X500Name("CN=idbridge test CA"),
            caKeys,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(30)),
            true);
  }

  public X509Certificate ca() {
    return ca;
  }

  /** A server certificate for {@code keys}, valid in [from, until]. */
  public X509Certificate issue(KeyPair keys, Instant from, Instant until) {
    return sign(new X500Name("CN=localhost"), keys, from, until, false);
  }

  /** A server certificate for {@code keys}, valid from yesterday for a month. */
  public X509Certificate issue(KeyPair keys) {
    Instant now = Instant.now();
    return issue(keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
  }

  /** What certbot's fullchain.pem holds: the server's certificate, then the issuer's. */
  public String fullchain(X509Certificate server) {
    return pem("CERTIFICATE", encoded(server)) + pem("CERTIFICATE", encoded(ca));
  }

  /** Writes fullchain.pem and privkey.pem (PKCS#8) in {@code dir}, as certbot does. */
  public void writeCertbotFiles(Path dir, KeyPair keys, X509Certificate server) throws IOException {
    Files.writeString(
        dir.resolve("privkey.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    Files.writeString(dir.resolve("fullchain.pem"), fullchain(server));
  }

  /** A client's SSL context trusting this authority only. */
  public SSLContext trusting() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(String label, byte[] der) {
    StringWriter out = new StringWriter();
    out.write("-----BEGIN " + label + "-----\n");
    out.write(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der));
    out.write("\n-----END " + label + "-----\n");
    return out.toString();
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate sign(
      X500Name subject, KeyPair keys, Instant from, Instant until, boolean authority) {
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              authority ? subject : new X500Name(ca.getSubjectX500Principal().getName()),
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(from),
              Date.from(until),
              subject,
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      if (!authority) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.dNSName, "localhost"),
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
