package io.idbridge.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

/**
 * Key pairs for tests: shared ones made once per test JVM (RSA generation is slow and the machine
 * is shared), and fresh ones where a test needs a key of its own.
 */
public final class TestKeys {
  public static final KeyPair RSA = rsa();
  public static final KeyPair RSA_OTHER = rsa();
  public static final KeyPair EC = ec();
  public static final KeyPair EC_OTHER = ec();

  private TestKeys() {}

  public static RSAPrivateKey rsaPrivate(KeyPair pair) {
    return (RSAPrivateKey) pair.getPrivate();
  }

  public static RSAPublicKey rsaPublic(KeyPair pair) {
    return (RSAPublicKey) pair.getPublic();
  }

  public static ECPrivateKey ecPrivate(KeyPair pair) {
    return (ECPrivateKey) pair.getPrivate();
  }

  public static ECPublicKey ecPublic(KeyPair pair) {
    return (ECPublicKey) pair.getPublic();
  }

  public static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
