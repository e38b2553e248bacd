package io.idbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.idbridge.password.HashFormat;
import io.idbridge.password.PasswordConfig;
import io.idbridge.password.PasswordHashes;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUserDirectoryTest {
  static final PasswordHashes HASHES = new PasswordHashes(new PasswordConfig(64, 1, 1, 2));
  @TempDir Path dir;

  FileUserDirectory directory() {
    return new FileUserDirectory(dir.resolve("users.json"), new HashedPasswordCheck(HASHES));
  }

  @Test
  void aMissingFileIsAnEmptyDirectoryUntilTheFirstWrite() throws Exception {
    FileUserDirectory users = directory();
    assertTrue(users.list().isEmpty());
    assertFalse(users.authenticate("anyone", "pw").matched());
    users.add(User.of("u1", "Alice", HASHES.hash("pw"), "Alice", "a@x", Map.of("k", "v")));
    assertTrue(Files.exists(dir.resolve("users.json")));
    assertFalse(
        Files.exists(dir.resolve("users.json.tmp")), "the temp file was renamed into place");
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("users.json"))),
        "hashes are for the owner's eyes only");
  }

  @Test
  void theTempFileIsOwnerOnlyBeforeItsFirstByte() throws Exception {
    Path temp = dir.resolve("users.json.tmp");
    // A leftover of a write killed under the old code: world-readable.
    Files.writeString(temp, "stale");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));

    try (FileChannel out = FileUserDirectory.createOwnerOnly(temp)) {
      assertEquals(0, out.size(), "a new file, not the leftover");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
    }
  }

  @Test
  void aWriteOverAWorldReadableLeftoverLeavesTheFileOwnerOnly() throws Exception {
    Path temp = dir.resolve("users.json.tmp");
    Files.writeString(temp, "stale");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));

    directory().add(User.of("u1", "Alice", HASHES.hash("pw"), "Alice", "", Map.of()));

    assertFalse(Files.exists(temp));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users.json"))));
  }

  @Test
  void loginNamesMatchWhateverTheirCase() {
    FileUserDirectory users = directory();
    users.add(User.of("u1", "Alice", HASHES.hash("pw"), "Alice", "", Map.of()));
    assertEquals("u1", users.authenticate("alice", "pw").user().orElseThrow().id());
    assertFalse(users.authenticate("alice", "PW").matched());
  }

  @Test
  void aTakenNameIsRefused() {
    FileUserDirectory users = directory();
    users.add(User.of("u1", "bob", HASHES.hash("pw"), "", "", Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> users.add(User.of("u2", "BOB", "", "", "", Map.of())));
  }

  @Test
  void anotherProcessWritingTheFileIsNoticed() {
    FileUserDirectory server = directory();
    assertTrue(server.findByUsername("carol").isEmpty());
    FileUserDirectory cli = directory();
    cli.add(User.of("u3", "carol", HASHES.hash("pw"), "", "", Map.of()));
    assertTrue(server.authenticate("carol", "pw").matched());
  }

  @Test
  void anOlderFormatIsUpgradedToArgon2idAtLogin() {
    FileUserDirectory users = directory();
    // Django's own test vector: password "password", salt "seasalt", 260000 iterations is slow; use
    // fewer.
    String pbkdf2 =
        "pbkdf2_sha256$1000$seasalt$"
            + java.util.Base64.getEncoder().encodeToString(pbkdf2("password", "seasalt", 1000));
    users.add(User.of("u4", "dave", pbkdf2, "", "", Map.of()));
    assertTrue(users.authenticate("dave", "password").matched());
    String stored = directory().findById("u4").orElseThrow().passwordHash();
    assertEquals(HashFormat.ARGON2ID, PasswordHashes.formatOf(stored));
    assertTrue(directory().authenticate("dave", "password").matched());
  }

  @Test
  void aCorruptFileOnDiskKeepsTheUsersReadBefore() throws Exception {
    FileUserDirectory users = directory();
    users.add(User.of("u5", "erin", HASHES.hash("pw"), "", "", Map.of()));
    Files.writeString(dir.resolve("users.json"), "{ not json");
    assertTrue(users.authenticate("erin", "pw").matched());
  }

  @Test
  void aPasswdFromTheCliBetweenALoginsReadAndItsRehashWins() {
    FileUserDirectory server = directory();
    FileUserDirectory cli = directory();
    String old =
        "pbkdf2_sha256$1000$seasalt$"
            + java.util.Base64.getEncoder().encodeToString(pbkdf2("old-pw", "seasalt", 1000));
    server.add(User.of("u9", "erin", old, "", "", Map.of()));
    // The interleaving, step by step: the login reads erin and verifies the old-format hash; the
    // CLI's users passwd writes a new one; then the login stores its upgrade of the old password.
    User verified = server.findByUsername("erin").orElseThrow();
    cli.update(verified.withPasswordHash(HASHES.hash("new-pw")));
    server.rehash(verified, HASHES.hash("old-pw"));
    assertTrue(cli.authenticate("erin", "new-pw").matched(), "the CLI's password stands");
    assertFalse(server.authenticate("erin", "old-pw").matched(), "the old one is gone");
  }

  private static byte[] pbkdf2(String password, String salt, int iterations) {
    try {
      javax.crypto.SecretKeyFactory f =
          javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      return f.generateSecret(
              new javax.crypto.spec.PBEKeySpec(
                  password.toCharArray(), salt.getBytes(), iterations, 256))
          .getEncoded();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
