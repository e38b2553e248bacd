package io.idbridge.tls;

import io.idbridge.jwt.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The key and certificate chain the server presents, read from the files of a {@link TlsConfig} and
 * checked: the key is the certificate's, and the certificate is valid now.
 */
public final class ServerCertificate {
  private final KeyStore keyStore;
  private final char[] password;
  private final X509Certificate leaf;
  private final byte[] fingerprint;

  private ServerCertificate(
      KeyStore keyStore, char[] password, X509Certificate leaf, byte[] fingerprint) {
    this.keyStore = keyStore;
    this.password = password;
    this.leaf = leaf;
    this.fingerprint = fingerprint;
  }

  /**
   * Reads and checks the material.
   *
   * @throws io.idbridge.config.ConfigException naming the key and the file, never the password
   */
  public static ServerCertificate load(TlsConfig tls, Instant now) {
    List<byte[]> contents = read(tls);
    ServerCertificate c =
        tls.keyStore().isPresent()
            ? pkcs12(tls, contents.get(0), digest(contents))
            : pem(tls, contents.get(0), contents.get(1), digest(contents));
    String name = tls.keyStore().isPresent() ? "keyStore" : "certificate";
    try {
      c.leaf.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw tls.problem(name, "the certificate expired on " + c.leaf.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw tls.problem(
          name, "the certificate is valid only from " + c.leaf.getNotBefore().toInstant());
    }
    return c;
  }

  /**
   * A digest of the files as they are now: when it differs from {@link #fingerprint()}, they
   * changed since this certificate was read.
   */
  public static byte[] fingerprint(TlsConfig tls) {
    return digest(read(tls));
  }

  public KeyStore keyStore() {
    return keyStore;
  }

  /** The password of the key and the store; for PEM files, a random one of this load. */
  public String password() {
    return new String(password);
  }

  public byte[] fingerprint() {
    return fingerprint.clone();
  }

  /** One line for the log and {@code config check}: whom it names, and until when. */
  public String describe() {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
      if (alternatives != null) {
        alternatives.forEach(n -> names.add(String.valueOf(n.get(1))));
      }
    } catch (GeneralSecurityException e) {
      // a malformed extension: the subject alone says enough
    }
    return leaf.getSubjectX500Principal().getName()
        + (names.isEmpty() ? "" : " " + names)
        + ", valid until "
        + leaf.getNotAfter().toInstant();
  }

  private static List<byte[]> read(TlsConfig tls) {
    List<byte[]> contents = new ArrayList<>();
    List<String> names =
        tls.keyStore().isPresent() ? List.of("keyStore") : List.of("certificate", "key");
    List<Path> files = tls.files();
    for (int i = 0; i < files.size(); i++) {
      try {
        contents.add(Files.readAllBytes(files.get(i)));
      } catch (IOException e) {
        throw tls.problem(names.get(i), "cannot read " + files.get(i) + " (" + e + ")");
      }
    }
    return contents;
  }

  private static byte[] digest(List<byte[]> contents) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      contents.forEach(sha::update);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static ServerCertificate pkcs12(TlsConfig tls, byte[] bytes, byte[] fingerprint) {
    Path file = tls.keyStore().get();
    char[] password = tls.keyStorePassword().orElse("").toCharArray();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try {
        store.load(new ByteArrayInputStream(bytes), password);
      } catch (IOException e) {
        throw e.getCause() instanceof UnrecoverableKeyException
            ? tls.problem("keyStorePassword", "does not open " + file)
            : tls.problem(
                "keyStore", file + " is not a PKCS#12 key store (" + e.getMessage() + ")");
      }
      for (String alias : java.util.Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          PrivateKey key = (PrivateKey) store.getKey(alias, password);
          X509Certificate leaf = (X509Certificate) store.getCertificate(alias);
          requireMatch(tls, "keyStore", key, leaf);
          return new ServerCertificate(store, password, leaf, fingerprint);
        }
      }
      throw tls.problem("keyStore", file + " holds no private key with its certificate");
    } catch (UnrecoverableKeyException e) {
      throw tls.problem("keyStorePassword", "does not open the key in " + file);
    } catch (GeneralSecurityException e) {
      throw tls.problem("keyStore", file + ": " + e.getMessage());
    }
  }

  private static ServerCertificate pem(
      TlsConfig tls, byte[] chainBytes, byte[] keyBytes, byte[] fingerprint) {
    List<Certificate> chain;
    try {
      chain =
          new ArrayList<>(
              java.security.cert.CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(chainBytes)));
    } catch (GeneralSecurityException e) {
      chain = List.of();
    }
    if (chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
      throw tls.problem(
          "certificate", tls.certificate().get() + " holds no PEM certificate (BEGIN CERTIFICATE)");
    }
    PrivateKey key;
    try {
      key = Pem.readAnyPrivateKey(new String(keyBytes, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw tls.problem("key", tls.key().get() + ": " + e.getMessage());
    }
    requireMatch(tls, "key", key, leaf);
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    char[] password = Base64.getEncoder().encodeToString(random).toCharArray();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
      return new ServerCertificate(store, password, leaf, fingerprint);
    } catch (GeneralSecurityException | IOException e) {
      throw tls.problem("key", tls.key().get() + ": " + e.getMessage());
    }
  }

  /** The key signs, the certificate's public key verifies: the two belong together. */
  private static void requireMatch(TlsConfig tls, String name, PrivateKey key, X509Certificate c) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default ->
              throw tls.problem(name, "an RSA or EC key is needed, not " + key.getAlgorithm());
        };
    try {
      byte[] probe = "idbridge".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(c.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another kind than the certificate's: reported below
    }
    throw tls.problem(
        name, "the private key is not the one of the certificate " + c.getSubjectX500Principal());
  }
}
