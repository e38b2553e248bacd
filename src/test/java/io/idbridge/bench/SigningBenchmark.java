package io.idbridge.bench;

import io.idbridge.jwt.Jwt;
import io.idbridge.jwt.Signer;
import io.idbridge.jwt.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The raw signature limits behind our tokens: ES256 and RS256 (3072-bit) signing, ES256 verifying.
 */
@State(Scope.Benchmark)
public class SigningBenchmark {
  private Signer es256;
  private Signer rs256;
  private Verifier es256Verifier;
  private byte[] signingInput;
  private byte[] es256Signature;

  @Setup
  public void setUp() throws GeneralSecurityException {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ecPair = ec.generateKeyPair();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(3072);
    es256 = Signer.of("ec", ecPair.getPrivate());
    rs256 = Signer.of("rsa", rsa.generateKeyPair().getPrivate());
    es256Verifier = Verifier.of("ec", ecPair.getPublic());
    // The signing input of a session token as Sessions writes it, so the bytes hashed are the real
    // size.
    String token =
        Jwt.sign(
            Map.of("typ", "idbridge-session+jwt"),
            Map.of(
                "iss",
                "idbridge",
                "sub",
                "8d0c6c52-6f0e-4a4e-9a8e-1f4f2b7c9d10",
                "sid",
                "3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
                "app",
                "api",
                "iat",
                1767225600L,
                "exp",
                1767229200L),
            es256);
    signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    es256Signature = es256.sign(signingInput);
  }

  @Benchmark
  public byte[] es256Sign() {
    return es256.sign(signingInput);
  }

  @Benchmark
  public byte[] rs256Sign() {
    return rs256.sign(signingInput);
  }

  @Benchmark
  public boolean es256Verify() {
    return es256Verifier.verify(signingInput, es256Signature);
  }
}
