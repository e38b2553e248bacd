package io.idbridge.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.Config;
import io.idbridge.config.ConfigException;
import io.idbridge.testing.TestCertificates;
import io.idbridge.testing.TestKeys;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {
  static final TestCertificates CA = new TestCertificates();

  @TempDir Path dir;

  TlsConfig pem(Path certificate, Path key) {
    return Config.read(
            "f",
            Map.of(
                "server.tls.certificate", certificate.toString(), "server.tls.key", key.toString()),
            Map.of())
        .server()
        .tls();
  }

  TlsConfig pkcs12(Path store, String password) {
    return Config.read(
            "f",
            Map.of(
                "server.tls.keyStore", store.toString(), "server.tls.keyStorePassword", password),
            Map.of())
        .server()
        .tls();
  }

  Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsAPkcs1RsaKeyWithItsChain() throws Exception {
    KeyPair rsa = TestKeys.RSA;
    byte[] pkcs1 =
        PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded();
    X509Certificate issued = CA.issue(rsa);
    ServerCertificate c =
        ServerCertificate.load(
            pem(
                write("fullchain.pem", CA.fullchain(issued)),
                write("privkey.pem", TestCertificates.pem("RSA PRIVATE KEY", pkcs1))),
            Instant.now());
    assertEquals(2, c.keyStore().getCertificateChain("server").length);
    assertTrue(c.describe().startsWith("CN=localhost [localhost, 127.0.0.1], valid until"));
  }

  @Test
  void readsASec1KeyOnP384() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = generator.generateKeyPair();
    byte[] sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
                384, ((ECPrivateKey) p384.getPrivate()).getS(), SECObjectIdentifiers.secp384r1)
            .getEncoded();
    ServerCertificate.load(
        pem(
            write("fullchain.pem", CA.fullchain(CA.issue(p384))),
            write("privkey.pem", TestCertificates.pem("EC PRIVATE KEY", sec1))),
        Instant.now());
  }

  @Test
  void refusesAKeyThatIsNotTheCertificates() throws Exception {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ServerCertificate.load(
                    pem(
                        write("fullchain.pem", CA.fullchain(CA.issue(TestKeys.EC))),
                        write(
                            "privkey.pem",
                            TestCertificates.pem(
                                "PRIVATE KEY", TestKeys.EC_OTHER.getPrivate().getEncoded()))),
                    Instant.now()));
    assertTrue(
        e.getMessage().startsWith("f: server.tls.key: the private key is not the one of"),
        e.getMessage());
  }

  @Test
  void refusesAnExpiredCertificate() throws Exception {
    Instant now = Instant.now();
    X509Certificate old =
        CA.issue(TestKeys.EC, now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ServerCertificate.load(
                    pem(
                        write("fullchain.pem", CA.fullchain(old)),
                        write(
                            "privkey.pem",
                            TestCertificates.pem(
                                "PRIVATE KEY", TestKeys.EC.getPrivate().getEncoded()))),
                    now));
    assertTrue(
        e.getMessage().startsWith("f: server.tls.certificate: the certificate expired on"),
        e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.pem");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ServerCertificate.load(pem(missing, missing), Instant.now()));
    assertTrue(e.getMessage().startsWith("f: server.tls.certificate: cannot read " + missing));
  }

  @Test
  void readsAPkcs12KeyStoreAndNeverEchoesItsPassword() throws Exception {
    Path store = dir.resolve("server.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "idbridge",
        TestKeys.RSA.getPrivate(),
        "store-secret-1".toCharArray(),
        new Certificate[] {CA.issue(TestKeys.RSA), CA.ca()});
    try (OutputStream out = Files.newOutputStream(store)) {
      ks.store(out, "store-secret-1".toCharArray());
    }
    ServerCertificate c = ServerCertificate.load(pkcs12(store, "store-secret-1"), Instant.now());
    assertTrue(c.describe().startsWith("CN=localhost"));

    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ServerCertificate.load(pkcs12(store, "wrong-secret-2"), Instant.now()));
    assertEquals("f: server.tls.keyStorePassword: does not open " + store, e.getMessage());
    assertFalse(e.getMessage().contains("wrong-secret-2"));
  }

  @Test
  void theTwoWaysOfGivingTheCertificateExcludeEachOther() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                Config.read(
                    "f",
                    Map.of(
                        "server.tls.keyStore", "a.p12",
                        "server.tls.certificate", "fullchain.pem",
                        "server.tls.redirectHttp", "true"),
                    Map.of()));
    assertTrue(e.getMessage().contains("f: server.tls.keyStore: set either it or"), e.getMessage());
    assertTrue(
        e.getMessage().contains("f: server.tls.keyStorePassword: is required"), e.getMessage());
  }
}
