package io.idbridge.jwt;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

/** Keys generated once per test JVM: RSA generation is slow and the machine is shared. */
final class TestKeys {
  static final KeyPair RSA = rsa();
  static final KeyPair RSA_OTHER = rsa();
  static final KeyPair EC = ec();
  static final KeyPair EC_OTHER = ec();

  private TestKeys() {}

  static RSAPrivateKey rsaPrivate(KeyPair pair) {
    return (RSAPrivateKey) pair.getPrivate();
  }

  static RSAPublicKey rsaPublic(KeyPair pair) {
    return (RSAPublicKey) pair.getPublic();
  }

  static ECPrivateKey ecPrivate(KeyPair pair) {
    return (ECPrivateKey) pair.getPrivate();
  }

  static ECPublicKey ecPublic(KeyPair pair) {
    return (ECPublicKey) pair.getPublic();
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
