package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.idbridge.testing.TestKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;

class PemTest {
  /** A self-signed P-256 certificate and its SPKI, both written by `openssl` 3.0. */
  private static final String CERTIFICATE =
      """
      -----BEGIN CERTIFICATE-----
      MIIBiDCCAS2gAwIBAgIUPtwsH+7LeNw8UVZVh3g+NXiUNUAwCgYIKoZIzj0EAwIw
      GDEWMBQGA1UEAwwNaWRicmlkZ2UgdGVzdDAgFw0yNjExMjMwNjUwMzlaGA8yMTI2
      MTAzMDA2NTAzOVowGDEWMBQGA1UEAwwNaWRicmlkZ2UgdGVzdDBZMBMGByqGSM49
      AgEGCCqGSM49AwEHA0IABFgUoAd80vF46iH4fCMh/v46SEWHrkDMB8YjYOpMOLbt
      kMnfY+Ow9ZRfnVkrmcEKb4LEdNMfIQ91gZzzxVIUJm2jUzBRMB0GA1UdDgQWBBQE
      TaCJ4SKjwHAIWQUWJz9ZH/HOoDAfBgNVHSMEGDAWgBQETaCJ4SKjwHAIWQUWJz9Z
      H/HOoDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQDZglCl6DhB
      B+0/GmCIDykKvKBLwKmr+WG5bxwDkeja0AIhAJdOqMu6XnEyDic78ayTCFHcNCiF
      rUvYfHyxcfWOGNdv
      -----END CERTIFICATE-----
      """;

  private static final String CERTIFICATE_SPKI =
      """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEWBSgB3zS8XjqIfh8IyH+/jpIRYeu
      QMwHxiNg6kw4tu2Qyd9j47D1lF+dWSuZwQpvgsR00x8hD3WBnPPFUhQmbQ==
      -----END PUBLIC KEY-----
      """;

  /** The body of `BEGIN RSA PRIVATE KEY`, built from the key's fields (RFC 8017 A.1.2). */
  private static String pkcs1(RSAPrivateCrtKey key) throws Exception {
    byte[] der =
        new org.bouncycastle.asn1.pkcs.RSAPrivateKey(
                key.getModulus(),
                key.getPublicExponent(),
                key.getPrivateExponent(),
                key.getPrimeP(),
                key.getPrimeQ(),
                key.getPrimeExponentP(),
                key.getPrimeExponentQ(),
                key.getCrtCoefficient())
            .getEncoded();
    return Pem.encode("RSA PRIVATE KEY", der);
  }

  @Test
  void roundTripsPkcs8PrivateKeys() {
    for (KeyPair pair : List.of(TestKeys.RSA, TestKeys.EC)) {
      String pem = Pem.toPem(pair.getPrivate());
      assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
      assertEquals(pair.getPrivate(), Pem.readPrivateKey(pem));
    }
  }

  @Test
  void roundTripsSpkiPublicKeys() {
    for (KeyPair pair : List.of(TestKeys.RSA, TestKeys.EC)) {
      String pem = Pem.toPem(pair.getPublic());
      assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
      assertEquals(pair.getPublic(), Pem.readPublicKey(pem));
    }
  }

  @Test
  void writesLinesOf64Characters() {
    List<String> lines = Pem.toPem(TestKeys.RSA.getPrivate()).lines().toList();
    List<String> body = lines.subList(1, lines.size() - 1);
    for (String line : body.subList(0, body.size() - 1)) {
      assertEquals(64, line.length());
    }
    assertTrue(body.get(body.size() - 1).length() <= 64);
    assertEquals("-----END PRIVATE KEY-----", lines.get(lines.size() - 1));
  }

  @Test
  void readsPkcs1RsaPrivateKeys() throws Exception {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) TestKeys.RSA.getPrivate();
    assertEquals(key, Pem.readPrivateKey(pkcs1(key)));
  }

  @Test
  void pkcs1RfcKeyStillReproducesAppendixA2() throws Exception {
    JsonNode a2 = Vectors.load("rfc7515-a2-rs256.json");
    PrivateKey key = Pem.readPrivateKey(pkcs1(Vectors.rsaPrivateKey(a2.get("jwk"))));
    String token =
        Jwt.signRaw(
            Vectors.octets(a2.get("protectedHeaderOctets")),
            Vectors.octets(a2.get("payloadOctets")),
            Signer.of(null, key));
    assertEquals(a2.get("compact").asText(), token);
  }

  @Test
  void readsSec1EcPrivateKeysAfterAnEcParametersBlock() throws Exception {
    ECPrivateKey key = TestKeys.ecPrivate(TestKeys.EC);
    byte[] sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), SECObjectIdentifiers.secp256r1)
            .getEncoded();
    // what `openssl ecparam -name prime256v1 -genkey` writes: the curve OID, then the key
    String pem =
        Pem.encode("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded())
            + Pem.encode("EC PRIVATE KEY", sec1);

    ECPrivateKey read = (ECPrivateKey) Pem.readPrivateKey(pem);

    assertEquals(key.getS(), read.getS());
    assertEquals(TestKeys.EC.getPublic(), Pem.readKeyPair(pem).getPublic());
  }

  @Test
  void refusesSec1KeysOnOtherCurves() throws Exception {
    byte[] sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
                384, BigInteger.TEN, SECObjectIdentifiers.secp384r1)
            .getEncoded();
    assertThrows(
        IllegalArgumentException.class,
        () -> Pem.readPrivateKey(Pem.encode("EC PRIVATE KEY", sec1)));
  }

  @Test
  void refusesPkcs8KeysOnOtherCurves() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    String pem = Pem.toPem(generator.generateKeyPair().getPrivate());
    assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(pem));
  }

  @Test
  void derivesPublicKeysFromPrivateKeys() {
    assertEquals(TestKeys.RSA.getPublic(), Pem.publicKeyOf(TestKeys.RSA.getPrivate()));
    assertEquals(TestKeys.EC.getPublic(), Pem.publicKeyOf(TestKeys.EC.getPrivate()));
    assertEquals(
        TestKeys.EC_OTHER.getPublic(),
        Pem.readKeyPair(Pem.toPem(TestKeys.EC_OTHER.getPrivate())).getPublic());
  }

  @Test
  void readsPkcs1RsaPublicKeys() throws Exception {
    RSAPublicKey key = TestKeys.rsaPublic(TestKeys.RSA);
    byte[] der =
        new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(), key.getPublicExponent())
            .getEncoded();
    assertEquals(key, Pem.readPublicKey(Pem.encode("RSA PUBLIC KEY", der)));
  }

  @Test
  void readsThePublicKeyOfACertificate() {
    assertEquals(Pem.readPublicKey(CERTIFICATE_SPKI), Pem.readPublicKey(CERTIFICATE));
  }

  @Test
  void toleratesCrlfAndSurroundingText() {
    String pem = "key for app 7\r\n" + Pem.toPem(TestKeys.RSA.getPublic()).replace("\n", "\r\n");
    assertEquals(TestKeys.RSA.getPublic(), Pem.readPublicKey(pem));
  }

  @Test
  void refusesEncryptedKeysWithAHint() {
    IllegalArgumentException pkcs8 =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pem.readPrivateKey(Pem.encode("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3})));
    assertTrue(pkcs8.getMessage().contains("decrypt"));
    String legacy =
        "-----BEGIN RSA PRIVATE KEY-----\n"
            + "Proc-Type: 4,ENCRYPTED\n"
            + "DEK-Info: AES-128-CBC,00\n\n"
            + "AAAA\n"
            + "-----END RSA PRIVATE KEY-----\n";
    assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(legacy));
  }

  @Test
  void refusesTheWrongKindOfPem() {
    String publicPem = Pem.toPem(TestKeys.RSA.getPublic());
    assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(publicPem));
    assertThrows(
        IllegalArgumentException.class,
        () -> Pem.readPublicKey(Pem.toPem(TestKeys.RSA.getPrivate())));
    assertThrows(IllegalArgumentException.class, () -> Pem.readPublicKey("not a pem"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Pem.readPrivateKey(Pem.encode("PRIVATE KEY", new byte[] {1})));
    assertThrows(
        IllegalArgumentException.class,
        () -> Pem.readPublicKey("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"));
  }

  @Test
  void errorMessagesNeverContainKeyMaterial() {
    String pem = Pem.toPem(TestKeys.RSA.getPrivate());
    String relabelled =
        pem.replace("PRIVATE KEY-----", "RSA PRIVATE KEY-----"); // PKCS#8 is not PKCS#1
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(relabelled));
    for (String line : pem.lines().toList().subList(1, 5)) {
      assertTrue(!e.getMessage().contains(line.substring(0, 16)), e.getMessage());
    }
  }
}
