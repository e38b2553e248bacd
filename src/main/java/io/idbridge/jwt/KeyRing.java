package io.idbridge.jwt;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys kept in one directory (default {@code conf/keys}): the newest key of each
 * algorithm signs, and every key verifies until its file is removed.
 *
 * <p>Layout: each key is {@code <created>.<kid>.key.pem} (PKCS#8), with {@code
 * <created>.<kid>.pub.pem} (SPKI) beside it for operators to copy; only the {@code .key.pem} files
 * are read. {@code created} is UTC {@code yyyyMMdd'T'HHmmss'Z'} and {@code kid} the key's RFC 7638
 * thumbprint, checked on load. Because the newest file of an algorithm is current, rotating is
 * adding a file, rolling back is deleting it, and there is no index to fall out of step. Files are
 * written atomically (temp file, then rename) and owner-only (rw-------, the directory rwx------)
 * where POSIX permissions exist. Other files in the directory are ignored.
 */
public final class KeyRing {
  public static final int DEFAULT_RSA_BITS = 3072;

  private static final System.Logger LOG = System.getLogger(KeyRing.class.getName());

  /** What a CLI lists for each key. {@code size} is "3072 bits" for RSA, "P-256" for EC. */
  public record KeyInfo(
      String kid, JwsAlgorithm alg, String size, Instant created, boolean current) {}

  private final Path dir;
  private final Clock clock;
  private volatile List<StoredKey> keys; // oldest first
  private volatile FileTime stamp;
  private volatile long generation;

  private KeyRing(Path dir, Clock clock, List<StoredKey> keys, FileTime stamp) {
    this.dir = dir;
    this.clock = clock;
    this.keys = keys;
    this.stamp = stamp;
  }

  /**
   * The keys in {@code dir}; a missing or empty directory gives an empty ring.
   *
   * @throws IOException if the directory cannot be read or holds a bad key file (named)
   */
  public static KeyRing load(Path dir, Clock clock) throws IOException {
    FileTime stamp = stampOf(dir);
    return new KeyRing(dir, clock, KeyFiles.read(dir), stamp);
  }

  /** Re-reads the directory, e.g. after another node or the CLI rotated a key. */
  public synchronized void reload() throws IOException {
    stamp = stampOf(dir);
    keys = KeyFiles.read(dir);
    generation++;
  }

  /**
   * Counts the re-reads of the directory, so that a holder of derived state (verifiers) knows when
   * to rebuild it.
   */
  public long generation() {
    snapshot();
    return generation;
  }

  /**
   * The keys, re-read when the directory changed (a key added by {@code keys generate}, or one
   * removed), so that a running server signs with a new key and stops trusting a removed one
   * without a restart. One stat per use.
   */
  private List<StoredKey> snapshot() {
    try {
      if (!java.util.Objects.equals(stampOf(dir), stamp)) {
        synchronized (this) {
          if (!java.util.Objects.equals(stampOf(dir), stamp)) {
            reload();
            LOG.log(Level.INFO, "re-read the signing keys in {0}: {1} keys", dir, keys.size());
          }
        }
      }
    } catch (IOException e) {
      // A key file half-copied in by hand: keep signing with the keys read before.
      LOG.log(Level.WARNING, "cannot re-read the signing keys in {0}: {1}", dir, e.getMessage());
    }
    return keys;
  }

  private static FileTime stampOf(Path dir) throws IOException {
    return Files.isDirectory(dir) ? Files.getLastModifiedTime(dir) : null;
  }

  public Path directory() {
    return dir;
  }

  /** {@link #generate(JwsAlgorithm, int)} with {@link #DEFAULT_RSA_BITS}. */
  public String generate(JwsAlgorithm alg) throws IOException {
    return generate(alg, DEFAULT_RSA_BITS);
  }

  /**
   * Creates a key (RSA of {@code rsaBits}, at least 2048; or P-256, ignoring {@code rsaBits}),
   * stores it and makes it the current signer for {@code alg}. Returns its kid.
   */
  public synchronized String generate(JwsAlgorithm alg, int rsaBits) throws IOException {
    if (alg == JwsAlgorithm.RS256 && rsaBits < RsaSigner.MIN_BITS) {
      throw new IllegalArgumentException(
          "RSA key of " + rsaBits + " bits refused: RFC 7518 §3.3 requires " + RsaSigner.MIN_BITS);
    }
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(alg.keyType());
      if (alg == JwsAlgorithm.RS256) {
        generator.initialize(rsaBits);
      } else {
        generator.initialize(new ECGenParameterSpec(P256.JDK_NAME));
      }
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + alg + " key", e);
    }
    return add(pair.getPrivate());
  }

  /** Stores an existing RSA or P-256 private key and makes it current for its algorithm. */
  public synchronized String add(PrivateKey privateKey) throws IOException {
    PublicKey publicKey = Pem.publicKeyOf(privateKey);
    JwsAlgorithm alg = Signer.of(null, privateKey).algorithm(); // refuses weak or odd keys
    String kid = Jwk.thumbprint(publicKey);
    for (StoredKey key : snapshot()) {
      if (key.kid().equals(kid)) {
        throw new IllegalArgumentException("key " + kid + " is already in " + dir);
      }
    }
    // The newest file is current: if the clock has not passed the newest key (a fixed or
    // skewed clock), date the new one a second after it so that it still sorts last.
    Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    for (StoredKey key : keys) {
      if (!created.isAfter(key.created())) {
        created = key.created().plusSeconds(1);
      }
    }
    KeyFiles.store(dir, created, kid, privateKey, publicKey);
    reload();
    LOG.log(Level.INFO, "new {0} signing key {1} in {2}", alg, kid, dir);
    return kid;
  }

  /** The current (newest) signer for {@code alg}, if the ring has a key of that algorithm. */
  public Optional<Signer> signer(JwsAlgorithm alg) {
    return current(alg).map(StoredKey::signer);
  }

  /** Verifiers for every key, newest first. */
  public List<Verifier> verifiers() {
    return newestFirst().stream().map(StoredKey::verifier).toList();
  }

  /** The current RS256 key's public half, e.g. for {@code GET /keys/signing.pem}. */
  public Optional<RSAPublicKey> currentRsaPublicKey() {
    return current(JwsAlgorithm.RS256).map(key -> (RSAPublicKey) key.publicKey());
  }

  /** The JWK Set of every key, newest first, for {@code /.well-known/jwks.json}. */
  public String jwksJson() {
    return Jwks.toJson(
        newestFirst().stream()
            .map(key -> new Jwks.Key(key.kid(), key.alg(), key.publicKey()))
            .toList());
  }

  /** Every key, oldest first, with whether it is the current signer of its algorithm. */
  public List<KeyInfo> list() {
    List<StoredKey> snapshot = snapshot();
    List<KeyInfo> infos = new ArrayList<>();
    for (StoredKey key : snapshot) {
      boolean current = current(snapshot, key.alg()).map(key::equals).orElse(false);
      String size =
          key.publicKey() instanceof RSAPublicKey rsa
              ? rsa.getModulus().bitLength() + " bits"
              : P256.JWK_NAME;
      infos.add(new KeyInfo(key.kid(), key.alg(), size, key.created(), current));
    }
    return infos;
  }

  /** SPKI PEM of a public key, the form App ID and others take. */
  public static String toPem(PublicKey key) {
    return Pem.toPem(key);
  }

  private Optional<StoredKey> current(JwsAlgorithm alg) {
    return current(snapshot(), alg);
  }

  private static Optional<StoredKey> current(List<StoredKey> keys, JwsAlgorithm alg) {
    StoredKey newest = null;
    for (StoredKey key : keys) {
      if (key.alg() == alg) {
        newest = key; // oldest first, so the last one wins
      }
    }
    return Optional.ofNullable(newest);
  }

  private List<StoredKey> newestFirst() {
    List<StoredKey> list = new ArrayList<>(snapshot());
    Collections.reverse(list);
    return list;
  }
}
