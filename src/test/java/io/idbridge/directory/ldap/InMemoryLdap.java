package io.idbridge.directory.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A real LDAP server in process (UnboundID's in-memory directory): plain LDAP with StartTLS and
 * LDAPS on free ports, a self-signed certificate with a trust store for it, a few people and a
 * service account, and a log of the binds it received.
 */
final class InMemoryLdap implements AutoCloseable {
  static final String PEOPLE = "ou=people,dc=example,dc=org";
  static final String SERVICE_DN = "cn=idbridge,ou=services,dc=example,dc=org";
  static final String SERVICE_PASSWORD = "service-secret";

  /** Alice's objectGUID as Active Directory stores it, and its usual string form. */
  static final byte[] ALICE_GUID = {
    0x78,
    0x56,
    0x34,
    0x12,
    0x34,
    0x12,
    0x78,
    0x56,
    0x12,
    0x34,
    0x56,
    0x78,
    (byte) 0x9a,
    (byte) 0xbc,
    (byte) 0xde,
    (byte) 0xf0
  };

  static final String ALICE_GUID_TEXT = "12345678-1234-5678-1234-56789abcdef0";

  final InMemoryDirectoryServer server;
  final Path trustStore;
  private final List<String> binds = new ArrayList<>();

  InMemoryLdap() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
    // No schema checking: Active Directory's objectGUID is not in the standard schema.
    config.setSchema(null);
    char[] pin = "key-store-pw".toCharArray();
    File keyStore = selfSignedForLocalhost(pin);
    SSLUtil tls =
        new SSLUtil(
            new KeyStoreKeyManager(keyStore, pin, "PKCS12", null), new TrustAllTrustManager());
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("ldap", null, 0, tls.createSSLSocketFactory()),
        InMemoryListenerConfig.createLDAPSConfig("ldaps", 0, tls.createSSLServerSocketFactory()));
    config.setAccessLogHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getMessage().contains(" BIND REQUEST")) {
              synchronized (binds) {
                binds.add(r.getMessage());
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    server = new InMemoryDirectoryServer(config);
    server.add("dn: dc=example,dc=org", "objectClass: domain", "dc: example");
    server.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
    server.add(
        "dn: ou=services,dc=example,dc=org", "objectClass: organizationalUnit", "ou: services");
    server.add(
        "dn: " + SERVICE_DN,
        "objectClass: person",
        "cn: idbridge",
        "sn: service",
        "userPassword: " + SERVICE_PASSWORD);
    Entry alice =
        new Entry(
            "uid=alice," + PEOPLE,
            new Attribute("objectClass", "inetOrgPerson"),
            new Attribute("uid", "alice"),
            new Attribute("cn", "Alice Liddell"),
            new Attribute("sn", "Liddell"),
            new Attribute("mail", "alice@example.org"),
            new Attribute("telephoneNumber", "+1 555 0100"),
            new Attribute("ou", "wonderland", "looking-glass"),
            new Attribute("userPassword", "alice-pw"),
            new Attribute("objectGUID", ALICE_GUID));
    server.add(alice);
    for (String name : List.of("admin", "bob")) {
      server.add(
          "dn: uid=" + name + "," + PEOPLE,
          "objectClass: inetOrgPerson",
          "uid: " + name,
          "cn: " + name,
          "sn: " + name,
          "mail: " + name + "@example.org",
          "userPassword: " + name + "-pw");
    }
    server.startListening();
    trustStore = trustStoreFor(keyStore, pin);
  }

  /**
   * A key store with a self-signed certificate for localhost, which is the name the tests connect
   * to.
   */
  private static File selfSignedForLocalhost(char[] pin) throws Exception {
    File file = Files.createTempDirectory("idbridge-ldap").resolve("server.p12").toFile();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultCode result =
        ManageCertificates.main(
            null,
            out,
            out,
            "generate-self-signed-certificate",
            "--keystore",
            file.toString(),
            "--keystore-password",
            new String(pin),
            "--keystore-type",
            "PKCS12",
            "--alias",
            "server",
            "--subject-dn",
            "CN=localhost",
            "--subject-alternative-name-dns",
            "localhost",
            "--days-valid",
            "2",
            "--key-algorithm",
            "EC",
            "--key-size-bits",
            "256",
            "--signature-algorithm",
            "SHA256withECDSA");
    if (result != ResultCode.SUCCESS) {
      throw new IllegalStateException("no test certificate: " + out);
    }
    return file;
  }

  /** A PKCS12 trust store holding the server's self-signed certificate. */
  private static Path trustStoreFor(File keyStore, char[] pin) throws Exception {
    KeyStore keys = KeyStore.getInstance(keyStore, pin);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    String alias = keys.aliases().nextElement();
    trust.setCertificateEntry("server", keys.getCertificate(alias));
    Path file = Files.createTempFile("idbridge-ldap-trust", ".p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, "trust-pw".toCharArray());
    }
    return file;
  }

  String url() {
    return "ldap://localhost:" + server.getListenPort("ldap");
  }

  String ldapsUrl() {
    return "ldaps://localhost:" + server.getListenPort("ldaps");
  }

  /** The bind DNs the server received so far. */
  List<String> binds() {
    synchronized (binds) {
      return List.copyOf(binds);
    }
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
