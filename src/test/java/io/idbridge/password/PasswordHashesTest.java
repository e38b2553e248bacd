package io.idbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashesTest {

  // Threads of their own: the common pool may have a single thread, which a held hash would block.
  private static final ExecutorService THREADS = Executors.newCachedThreadPool();

  // One known-good string per format (sources in each format's own test).
  private static final String ARGON2ID =
      "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
  private static final String BCRYPT_2A =
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
  private static final String BCRYPT_2B =
      "$2b$05$Z17AXnnlpzddNUvnC6cZNOSwMA/8oNiKnHTHTwLlBijfucQQlHjaG";
  private static final String BCRYPT_2Y =
      "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a";
  private static final String PBKDF2_SHA256 =
      "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ";
  private static final String PBKDF2_SHA256_PHC =
      "$pbkdf2-sha256$i=1000,l=32$AQIDBAUGBwgJCgsMDQ4PEA$Ac7Gn+2Nev1sVDS9Oc+xx6Q66Xzj33qF8YexXMp2EGo";
  private static final String PBKDF2_SHA512 =
      "$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI"
          + ".BzY/YTNJOiKc5gBYFYGww";
  private static final String DJANGO =
      "pbkdf2_sha256$10000$seasalt$CWWFdHOWwPnki7HvkcqN9iA2T3KLW1cf2uZ5kvArtVY=";
  private static final String ARGON2I =
      "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8";
  private static final String SHA256_CRYPT =
      "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5";
  private static final String SHA512_CRYPT =
      "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1";

  private final PasswordConfig config = new PasswordConfig(64, 2, 1, 2);
  private final PasswordHashes hashes = new PasswordHashes(config);

  @Test
  void formatOfNamesEachFormat() {
    assertEquals(HashFormat.ARGON2ID, PasswordHashes.formatOf(ARGON2ID));
    assertEquals(HashFormat.BCRYPT, PasswordHashes.formatOf(BCRYPT_2A));
    assertEquals(HashFormat.BCRYPT, PasswordHashes.formatOf(BCRYPT_2B));
    assertEquals(HashFormat.BCRYPT, PasswordHashes.formatOf(BCRYPT_2Y));
    assertEquals(HashFormat.PBKDF2_SHA256, PasswordHashes.formatOf(PBKDF2_SHA256));
    assertEquals(HashFormat.PBKDF2_SHA256, PasswordHashes.formatOf(PBKDF2_SHA256_PHC));
    assertEquals(HashFormat.PBKDF2_SHA512, PasswordHashes.formatOf(PBKDF2_SHA512));
    assertEquals(HashFormat.DJANGO_PBKDF2_SHA256, PasswordHashes.formatOf(DJANGO));
    assertEquals(HashFormat.SHA512_CRYPT, PasswordHashes.formatOf(SHA512_CRYPT));
    assertEquals(HashFormat.ARGON2I, PasswordHashes.formatOf(ARGON2I));
    assertEquals(HashFormat.SHA256_CRYPT, PasswordHashes.formatOf(SHA256_CRYPT));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "password",
        "$1$saltstri$YMyguxXMBpd2TEZ.vS/3q1", // MD5-crypt
        "{SSHA}hWfNr2pUmpBoOk5SsI6fOVzDnOLmBCE1",
        "pbkdf2_sha1$10000$wz5B6WkasRoF$atJmJ1o+XfJxKq1+Nu1f1i57Z5I=",
        "$pbkdf2$1212$OB.dtnSEXZK8U5cgxU/GYQ$y5LKPOplRmok7CZp/aqVDVg8zGI",
        "$argon2d$v=19$m=256,t=2,p=1$c29tZXNhbHQ$JcTui6RIBUtJ78gE5Hi52CO+H5vS6Z9R1uxAB6OhUB8",
        "$2$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy",
        " $2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
      })
  void formatOfIsUnknownForOtherSchemesAndGarbage(String encoded) {
    assertEquals(HashFormat.UNKNOWN, PasswordHashes.formatOf(encoded));
    assertFalse(hashes.verify("password", encoded));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$argon2id$",
        "$argon2id$v=19$m=abc,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$not base64!",
        "$2b$",
        "$2y$99$",
        "$pbkdf2-sha256$",
        "$pbkdf2-sha512$i=$$",
        "$pbkdf2-sha256$i=1000,l=32,x=1$AQIDBAUGBwgJCgsMDQ4PEA$Ac7Gn+2Nev1sVDS9Oc+xx6Q66Xzj33qF8YexXMp2EGo",
        "pbkdf2_sha256$$$",
        "pbkdf2_sha256$99999999999999999999$seasalt$CWWFdHOWwPnki7HvkcqN9iA2T3KLW1cf2uZ5kvArtVY=",
        "$6$",
        "$6$rounds=$salt$",
        "$6$rounds=x$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
      })
  void verifyIsFalseWithoutThrowingForMalformedStringsOfKnownFormats(String encoded) {
    assertNotEquals(HashFormat.UNKNOWN, PasswordHashes.formatOf(encoded));
    assertFalse(hashes.verify("password", encoded));
    assertTrue(hashes.needsRehash(encoded));
  }

  @Test
  void needsRehashForEveryOlderFormat() {
    assertTrue(hashes.needsRehash(BCRYPT_2A));
    assertTrue(hashes.needsRehash(BCRYPT_2B));
    assertTrue(hashes.needsRehash(BCRYPT_2Y));
    assertTrue(hashes.needsRehash(PBKDF2_SHA256));
    assertTrue(hashes.needsRehash(PBKDF2_SHA256_PHC));
    assertTrue(hashes.needsRehash(PBKDF2_SHA512));
    assertTrue(hashes.needsRehash(DJANGO));
    assertTrue(hashes.needsRehash(SHA512_CRYPT));
    assertTrue(hashes.needsRehash(ARGON2I));
    assertTrue(hashes.needsRehash(SHA256_CRYPT));
    assertTrue(hashes.needsRehash(null));
    assertTrue(hashes.needsRehash("plaintext"));
  }

  @Test
  void verifiesEveryFormatThroughOneInstance() {
    assertTrue(hashes.verify("password", ARGON2ID));
    assertTrue(hashes.verify("U*U", BCRYPT_2A));
    assertTrue(hashes.verify("password", PBKDF2_SHA256));
    assertTrue(hashes.verify("password", PBKDF2_SHA512));
    assertTrue(hashes.verify("lètmein", DJANGO));
    assertTrue(hashes.verify("Hello world!", SHA512_CRYPT));
    assertTrue(hashes.verify("password", ARGON2I));
    assertTrue(hashes.verify("Hello world!", SHA256_CRYPT));
  }

  @Test
  void dummyHashHasTheConfiguredParametersAndDefaultShape() {
    Argon2Inputs dummy = hashes.dummy().inputs();

    assertEquals(Argon2Type.ARGON2ID, dummy.type());
    assertEquals(config.argon2MemoryKib(), dummy.memoryKib());
    assertEquals(config.argon2Iterations(), dummy.iterations());
    assertEquals(config.argon2Parallelism(), dummy.parallelism());
    assertEquals(16, dummy.salt().length);
    assertEquals(32, hashes.dummy().tag().length);
  }

  @Test
  void verifyWaitsForAPermitWhenAllAreInUse() throws Exception {
    assertWaitsForThePermit(bounded -> assertTrue(bounded.verify("password", ARGON2ID)));
  }

  @Test
  void verifyOfABrokenHashWaitsForAPermitToo() throws Exception {
    assertWaitsForThePermit(bounded -> assertFalse(bounded.verify("password", "$2b$garbage")));
  }

  @Test
  void verifyDummyWaitsForAPermitLikeARealVerify() throws Exception {
    assertWaitsForThePermit(bounded -> bounded.verifyDummy("anything"));
  }

  @Test
  void hashWaitsForAPermit() throws Exception {
    assertWaitsForThePermit(
        bounded -> assertTrue(bounded.hash("password").startsWith("$argon2id$")));
  }

  @Test
  void refusesAtOnceWhenAsManyAsAllowedAreWaiting() throws Exception {
    GatedArgon2 engine = new GatedArgon2();
    PasswordHashes bounded = new PasswordHashes(new PasswordConfig(64, 2, 1, 1, 1, 1024), engine);
    engine.close();
    CompletableFuture<Boolean> running =
        CompletableFuture.supplyAsync(() -> bounded.verify("password", ARGON2ID), THREADS);
    engine.awaitInside(1);
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> bounded.verify("password", ARGON2ID), THREADS);
    awaitWaiting(bounded, 1);

    HashingBusyException busy =
        assertThrows(HashingBusyException.class, () -> bounded.verify("password", ARGON2ID));
    assertThrows(HashingBusyException.class, () -> bounded.verifyDummy("password"));
    assertThrows(HashingBusyException.class, () -> bounded.hash("password"));

    assertTrue(busy.retryAfter().toSeconds() >= 1);
    engine.open();
    assertTrue(running.get(10, TimeUnit.SECONDS));
    assertTrue(waiting.get(10, TimeUnit.SECONDS));
    assertTrue(bounded.verify("password", ARGON2ID), "the queue takes logins again");
  }

  @Test
  void answersAHashCostlierThanAllTheMemoryAsAWrongPasswordWithoutComputingIt() {
    GatedArgon2 engine = new GatedArgon2();
    PasswordHashes bounded =
        new PasswordHashes(new PasswordConfig(64, 1, 1, 4, 4, 100 * 1024), engine);
    int before = engine.derivations();

    // passlib's and argon2-cffi's m=102400 (100 MiB) just fits; 4 GiB never can.
    assertFalse(
        bounded.verify(
            "password",
            "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));
    assertFalse(
        bounded.verify(
            "password",
            "$argon2id$v=19$m=102401,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));

    assertEquals(before, engine.derivations(), "an unaffordable hash is never computed");
  }

  @Test
  void statusNamesTheEngineAndCountsRunningAndWaitingHashes() throws Exception {
    GatedArgon2 engine = new GatedArgon2();
    PasswordHashes bounded = new PasswordHashes(new PasswordConfig(64, 2, 1, 1), engine);
    assertEquals(new HashingStatus("argon2id gated", 0, 0), bounded.status());
    engine.close();

    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> bounded.verifyDummy("a"), THREADS);
    engine.awaitInside(1);
    CompletableFuture<Void> second =
        CompletableFuture.runAsync(() -> bounded.verifyDummy("b"), THREADS);
    awaitWaiting(bounded, 1);

    assertEquals(new HashingStatus("argon2id gated", 1, 1), bounded.status());
    engine.open();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    assertEquals(new HashingStatus("argon2id gated", 0, 0), bounded.status());
  }

  @Test
  void verifyFailsClosedWhenInterruptedWaitingForAPermit() {
    Thread.currentThread().interrupt();

    boolean verified = hashes.verify("password", ARGON2ID);

    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    assertFalse(verified);
  }

  @Test
  void hashThrowsWhenInterruptedWaitingForAPermit() {
    Thread.currentThread().interrupt();

    assertThrows(IllegalStateException.class, () -> hashes.hash("password"));
    assertTrue(Thread.interrupted());
  }

  @Test
  void permitsAreReturnedAfterEachComputation() throws Exception {
    PasswordHashes bounded = new PasswordHashes(new PasswordConfig(64, 2, 1, 1, 0, 256));

    bounded.verify("password", ARGON2ID);
    bounded.verify("password", "garbage");
    bounded.hash("password");
    bounded.verifyDummy("password");

    // One permit, no waiting, memory for one hash: any permit or memory kept would refuse this.
    assertTrue(bounded.verify("password", ARGON2ID));
    assertEquals(0, bounded.status().running());
  }

  @Test
  void rejectsANullPassword() {
    assertThrows(NullPointerException.class, () -> hashes.verify(null, ARGON2ID));
    assertThrows(NullPointerException.class, () -> hashes.hash(null));
  }

  @Test
  void hashWithDefaultsIsOwaspArgon2id() {
    PasswordHashes defaults = new PasswordHashes(PasswordConfig.defaults());

    String encoded = defaults.hash("correct horse");

    assertTrue(encoded.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), encoded);
    assertTrue(defaults.verify("correct horse", encoded));
    assertFalse(defaults.needsRehash(encoded));
    assertTrue(defaults.needsRehash(hashes.hash("correct horse")));
  }

  /**
   * Runs work while the only permit is held by a hash at the gate, checks it waits, then both
   * finish.
   */
  private void assertWaitsForThePermit(Consumer<PasswordHashes> work) throws Exception {
    GatedArgon2 engine = new GatedArgon2();
    PasswordHashes bounded = new PasswordHashes(new PasswordConfig(64, 2, 1, 1), engine);
    engine.close();
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(() -> bounded.verifyDummy("x"), THREADS);
    engine.awaitInside(1);

    CompletableFuture<Void> done = CompletableFuture.runAsync(() -> work.accept(bounded), THREADS);
    awaitWaiting(bounded, 1);

    assertFalse(done.isDone());
    engine.open();
    holder.get(10, TimeUnit.SECONDS);
    done.get(10, TimeUnit.SECONDS);
    assertEquals(new HashingStatus("argon2id gated", 0, 0), bounded.status());
  }

  private static void awaitWaiting(PasswordHashes hashes, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (hashes.status().waiting() < count && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(count, hashes.status().waiting(), "hashes waiting for a permit");
  }
}
