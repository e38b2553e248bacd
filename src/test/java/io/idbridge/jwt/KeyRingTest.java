package io.idbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.idbridge.testing.FakeClock;
import io.idbridge.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path temp;

  private final FakeClock clock = new FakeClock(START);

  private Path keys() {
    return temp.resolve("conf").resolve("keys");
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Test
  void aRunningRingSignsWithAKeyAnotherProcessAddedAndDropsOneRemoved() throws Exception {
    KeyRing server = KeyRing.load(keys(), clock);
    String first = server.generate(JwsAlgorithm.ES256);
    long before = server.generation();
    clock.advance(java.time.Duration.ofMinutes(1));
    String second = KeyRing.load(keys(), clock).generate(JwsAlgorithm.ES256); // the CLI, say
    assertEquals(second, server.signer(JwsAlgorithm.ES256).orElseThrow().keyId());
    assertTrue(server.generation() > before, "holders of verifiers learn to rebuild them");
    assertEquals(2, server.verifiers().size(), "the older key keeps verifying");
    try (var files = Files.list(keys())) {
      for (Path f : files.filter(p -> p.getFileName().toString().contains(first)).toList()) {
        Files.delete(f);
      }
    }
    assertEquals(List.of(second), server.verifiers().stream().map(Verifier::keyId).toList());
  }

  @Test
  void aMissingOrEmptyDirectoryIsAnEmptyRing() throws IOException {
    KeyRing ring = KeyRing.load(keys(), clock);
    assertTrue(ring.verifiers().isEmpty());
    assertTrue(ring.signer(JwsAlgorithm.RS256).isEmpty());
    assertTrue(ring.currentRsaPublicKey().isEmpty());
    assertEquals("{\"keys\":[]}", ring.jwksJson());
    assertFalse(Files.exists(keys()), "loading must not create the directory");
    Files.createDirectories(keys());
    assertTrue(KeyRing.load(keys(), clock).list().isEmpty());
  }

  @Test
  void generateWritesOwnerOnlyFilesNamedByCreationAndThumbprint() throws IOException {
    KeyRing ring = KeyRing.load(keys(), clock);

    String kid = ring.generate(JwsAlgorithm.RS256, 2048);

    assertEquals(
        List.of("20260101T000000Z." + kid + ".key.pem", "20260101T000000Z." + kid + ".pub.pem"),
        files(keys()));
    RSAPublicKey current = ring.currentRsaPublicKey().orElseThrow();
    assertEquals(2048, current.getModulus().bitLength());
    assertEquals(kid, Jwk.thumbprint(current));
    assertEquals(
        current,
        Pem.readPublicKey(
            Files.readString(keys().resolve("20260101T000000Z." + kid + ".pub.pem"))));
    assumeTrue(posix(keys()), "POSIX permissions not supported here");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys())));
    for (String file : files(keys())) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(keys().resolve(file))));
    }
  }

  @Test
  void reloadFindsGeneratedKeys() throws IOException {
    KeyRing ring = KeyRing.load(keys(), clock);
    String ec = ring.generate(JwsAlgorithm.ES256);
    String rsa = ring.add(TestKeys.RSA.getPrivate());

    KeyRing reloaded = KeyRing.load(keys(), clock);

    assertEquals(ec, reloaded.signer(JwsAlgorithm.ES256).orElseThrow().keyId());
    assertEquals(rsa, reloaded.signer(JwsAlgorithm.RS256).orElseThrow().keyId());
    assertEquals(TestKeys.RSA.getPublic(), reloaded.currentRsaPublicKey().orElseThrow());
    assertEquals(ring.list(), reloaded.list());
  }

  @Test
  void aNewKeyBecomesCurrentWhileTheOldOneStillVerifies() throws Exception {
    KeyRing ring = KeyRing.load(keys(), clock);
    String old = ring.add(TestKeys.RSA.getPrivate());
    String oldToken = sign(ring);
    clock.advance(Duration.ofDays(90));

    String fresh = ring.add(TestKeys.RSA_OTHER.getPrivate());

    assertEquals(fresh, ring.signer(JwsAlgorithm.RS256).orElseThrow().keyId());
    JwtVerifier verifier = JwtVerifier.builder().keys(ring.verifiers()).clock(clock).build();
    assertEquals("alice", verifier.verify(oldToken).get("sub"));
    assertEquals("alice", verifier.verify(sign(ring)).get("sub"));
    assertTrue(ring.jwksJson().contains(old) && ring.jwksJson().contains(fresh));
    assertEquals(List.of(fresh, old), ring.verifiers().stream().map(Verifier::keyId).toList());

    List<KeyRing.KeyInfo> list = ring.list();
    assertEquals(
        new KeyRing.KeyInfo(old, JwsAlgorithm.RS256, "2048 bits", START, false), list.get(0));
    assertEquals(
        new KeyRing.KeyInfo(
            fresh, JwsAlgorithm.RS256, "2048 bits", START.plus(Duration.ofDays(90)), true),
        list.get(1));
  }

  @Test
  void removingTheNewestFileRollsBack() throws Exception {
    KeyRing ring = KeyRing.load(keys(), clock);
    String old = ring.add(TestKeys.EC.getPrivate());
    clock.advance(Duration.ofSeconds(1));
    String fresh = ring.add(TestKeys.EC_OTHER.getPrivate());
    try (Stream<Path> files = Files.list(keys())) {
      for (Path file : files.filter(f -> f.toString().contains(fresh)).toList()) {
        Files.delete(file);
      }
    }
    ring.reload();
    assertEquals(old, ring.signer(JwsAlgorithm.ES256).orElseThrow().keyId());
    assertEquals(1, ring.verifiers().size());
  }

  @Test
  void aNewKeyIsNewestEvenWhenTheClockHasNotMoved() throws IOException {
    KeyRing ring = KeyRing.load(keys(), clock);
    ring.add(TestKeys.EC.getPrivate());
    String second = ring.add(TestKeys.EC_OTHER.getPrivate());
    assertEquals(second, ring.signer(JwsAlgorithm.ES256).orElseThrow().keyId());
    assertEquals(
        second, KeyRing.load(keys(), clock).signer(JwsAlgorithm.ES256).orElseThrow().keyId());
  }

  @Test
  void eachAlgorithmHasItsOwnCurrentKey() throws IOException {
    KeyRing ring = KeyRing.load(keys(), clock);
    String rsa = ring.add(TestKeys.RSA.getPrivate());
    clock.advance(Duration.ofMinutes(1));
    String ec = ring.add(TestKeys.EC.getPrivate());
    assertEquals(rsa, ring.signer(JwsAlgorithm.RS256).orElseThrow().keyId());
    assertEquals(ec, ring.signer(JwsAlgorithm.ES256).orElseThrow().keyId());
    assertTrue(ring.list().stream().allMatch(KeyRing.KeyInfo::current));
    assertEquals("P-256", ring.list().get(1).size());
  }

  @Test
  void refusesRsaKeysUnder2048Bits() throws Exception {
    KeyRing ring = KeyRing.load(keys(), clock);
    assertThrows(IllegalArgumentException.class, () -> ring.generate(JwsAlgorithm.RS256, 1024));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    PrivateKey weak = generator.generateKeyPair().getPrivate();
    assertThrows(IllegalArgumentException.class, () -> ring.add(weak));
    assertFalse(Files.exists(keys()));
  }

  @Test
  void refusesAddingTheSameKeyTwice() throws IOException {
    KeyRing ring = KeyRing.load(keys(), clock);
    ring.add(TestKeys.EC.getPrivate());
    assertThrows(IllegalArgumentException.class, () -> ring.add(TestKeys.EC.getPrivate()));
  }

  @Test
  void refusesAFileWhoseNameDoesNotMatchItsKey() throws IOException {
    KeyRing ring = KeyRing.load(keys(), clock);
    String kid = ring.add(TestKeys.EC.getPrivate());
    Path file = keys().resolve("20260101T000000Z." + kid + ".key.pem");
    Files.writeString(file, Pem.toPem(TestKeys.EC_OTHER.getPrivate()));
    IOException e = assertThrows(IOException.class, ring::reload);
    assertTrue(e.getMessage().contains("thumbprint"), e.getMessage());
    Files.delete(file);
    Files.writeString(keys().resolve("signing.key.pem"), Pem.toPem(TestKeys.EC.getPrivate()));
    assertThrows(IOException.class, () -> KeyRing.load(keys(), clock));
  }

  @Test
  void ignoresOtherFilesAndPublishesEveryKey() throws Exception {
    KeyRing ring = KeyRing.load(keys(), clock);
    String rsa = ring.add(TestKeys.RSA.getPrivate());
    String ec = ring.add(TestKeys.EC.getPrivate());
    Files.writeString(keys().resolve("README"), "operators' notes");

    List<Verifier> fromJwks = Jwks.parse(KeyRing.load(keys(), clock).jwksJson());

    assertEquals(List.of(ec, rsa), fromJwks.stream().map(Verifier::keyId).toList());
    assertEquals(
        Pem.toPem(TestKeys.RSA.getPublic()),
        KeyRing.toPem(ring.currentRsaPublicKey().orElseThrow()));
  }

  private static String sign(KeyRing ring) {
    long now = START.getEpochSecond();
    return Jwt.sign(
        Map.of(),
        Map.of("sub", "alice", "exp", now + 365L * 86400),
        ring.signer(JwsAlgorithm.RS256).orElseThrow());
  }
}
