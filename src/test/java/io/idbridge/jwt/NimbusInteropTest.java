package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestKeys;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our JWS against an independent implementation, nimbus-jose-jwt, in both directions. */
class NimbusInteropTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String RSA_KID = Jwk.thumbprint(TestKeys.RSA.getPublic());
  private static final String EC_KID = Jwk.thumbprint(TestKeys.EC.getPublic());

  private static Map<String, Object> claims() {
    return Map.of("iss", "idp", "sub", "alice", "exp", NOW.getEpochSecond() + 60);
  }

  private JwtVerifier ourVerifier() {
    return JwtVerifier.builder()
        .key(Verifier.of(RSA_KID, TestKeys.RSA.getPublic()))
        .key(Verifier.of(EC_KID, TestKeys.EC.getPublic()))
        .issuer("idp")
        .clock(new FakeClock(NOW))
        .build();
  }

  private static String nimbusSigned(JWSAlgorithm alg, String kid, JWSSigner signer)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(),
            new JWTClaimsSet.Builder()
                .issuer("idp")
                .subject("alice")
                .expirationTime(Date.from(NOW.plusSeconds(60)))
                .build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  @Test
  void nimbusVerifiesOurRs256Tokens() throws Exception {
    String token =
        Jwt.sign(
            Map.of("typ", "JWT"),
            claims(),
            new RsaSigner(RSA_KID, TestKeys.rsaPrivate(TestKeys.RSA)));
    SignedJWT parsed = SignedJWT.parse(token);
    assertTrue(parsed.verify(new RSASSAVerifier(TestKeys.rsaPublic(TestKeys.RSA))));
    assertEquals(RSA_KID, parsed.getHeader().getKeyID());
    assertEquals("alice", parsed.getJWTClaimsSet().getSubject());
  }

  @Test
  void nimbusVerifiesOurEs256Tokens() throws Exception {
    for (int i = 0; i < 20; i++) { // R || S padding matters only for some signatures
      String token =
          Jwt.sign(Map.of(), claims(), new EcSigner(EC_KID, TestKeys.ecPrivate(TestKeys.EC)));
      assertTrue(SignedJWT.parse(token).verify(new ECDSAVerifier(TestKeys.ecPublic(TestKeys.EC))));
    }
  }

  @Test
  void weVerifyNimbusRs256Tokens() throws Exception {
    String token =
        nimbusSigned(JWSAlgorithm.RS256, RSA_KID, new RSASSASigner(TestKeys.RSA.getPrivate()));
    assertEquals("alice", ourVerifier().verify(token).get("sub"));
  }

  @Test
  void weVerifyNimbusEs256Tokens() throws Exception {
    for (int i = 0; i < 20; i++) {
      String token =
          nimbusSigned(
              JWSAlgorithm.ES256, EC_KID, new ECDSASigner(TestKeys.ecPrivate(TestKeys.EC)));
      assertEquals("alice", ourVerifier().verify(token).get("sub"));
    }
  }

  @Test
  void nimbusParsesOurJwksAndComputesTheSameThumbprints() throws Exception {
    String json =
        Jwks.toJson(
            List.of(
                new Jwks.Key(RSA_KID, io.idbridge.jwt.JwsAlgorithm.RS256, TestKeys.RSA.getPublic()),
                new Jwks.Key(EC_KID, io.idbridge.jwt.JwsAlgorithm.ES256, TestKeys.EC.getPublic())));

    List<JWK> keys = JWKSet.parse(json).getKeys();

    assertEquals(2, keys.size());
    RSAKey rsa = (RSAKey) keys.get(0);
    assertEquals(RSA_KID, rsa.getKeyID());
    assertEquals(RSA_KID, rsa.computeThumbprint().toString());
    assertEquals(KeyUse.SIGNATURE, rsa.getKeyUse());
    assertEquals(JWSAlgorithm.RS256, rsa.getAlgorithm());
    assertEquals(TestKeys.rsaPublic(TestKeys.RSA), rsa.toRSAPublicKey());
    ECKey ec = (ECKey) keys.get(1);
    assertEquals(EC_KID, ec.getKeyID());
    assertEquals(EC_KID, ec.computeThumbprint().toString());
    assertEquals(Curve.P_256, ec.getCurve());
    assertEquals(TestKeys.ecPublic(TestKeys.EC).getW(), ec.toECPublicKey().getW());
  }

  @Test
  void weReadNimbusJwksAndVerifyWithIt() throws Exception {
    JWKSet set =
        new JWKSet(
            List.of(
                new RSAKey.Builder(TestKeys.rsaPublic(TestKeys.RSA)).keyIDFromThumbprint().build(),
                new ECKey.Builder(Curve.P_256, TestKeys.ecPublic(TestKeys.EC))
                    .keyIDFromThumbprint()
                    .build()));

    List<Verifier> verifiers = Jwks.parse(set.toString());

    assertEquals(List.of(RSA_KID, EC_KID), verifiers.stream().map(Verifier::keyId).toList());
    JwtVerifier verifier = JwtVerifier.builder().keys(verifiers).clock(new FakeClock(NOW)).build();
    String token =
        nimbusSigned(JWSAlgorithm.ES256, EC_KID, new ECDSASigner(TestKeys.ecPrivate(TestKeys.EC)));
    assertEquals("alice", verifier.verify(token).get("sub"));
  }
}
