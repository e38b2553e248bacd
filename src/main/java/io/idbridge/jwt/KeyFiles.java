package io.idbridge.jwt;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a {@link KeyRing} directory: {@code <created>.<kid>.key.pem} and {@code .pub.pem}.
 */
final class KeyFiles {
  private static final System.Logger LOG = System.getLogger(KeyRing.class.getName());
  private static final Pattern KEY_FILE =
      Pattern.compile("(\\d{8}T\\d{6}Z)\\.([A-Za-z0-9_-]{43})\\.key\\.pem");
  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private KeyFiles() {}

  /** Every key in {@code dir}, oldest first; a missing directory holds none. */
  static List<StoredKey> read(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": not a directory");
    }
    List<StoredKey> keys = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.key.pem")) {
      for (Path file : files) {
        keys.add(readKey(file));
      }
    }
    keys.sort(Comparator.comparing(StoredKey::created).thenComparing(StoredKey::kid));
    return List.copyOf(keys);
  }

  /** Writes both files of a key, owner-only, each atomically; the directory too if missing. */
  static void store(
      Path dir, Instant created, String kid, PrivateKey privateKey, PublicKey publicKey)
      throws IOException {
    createDirectory(dir);
    String base = CREATED.format(created) + "." + kid;
    // The public file first: a crash between the two leaves no half-registered private key.
    write(dir, dir.resolve(base + ".pub.pem"), Pem.toPem(publicKey));
    write(dir, dir.resolve(base + ".key.pem"), Pem.toPem(privateKey));
  }

  private static StoredKey readKey(Path file) throws IOException {
    Matcher name = KEY_FILE.matcher(file.getFileName().toString());
    if (!name.matches()) {
      throw new IOException(file + ": name must be <yyyyMMddTHHmmssZ>.<kid>.key.pem");
    }
    warnIfOpenToOthers(file);
    String kid = name.group(2);
    PublicKey publicKey;
    Signer signer;
    try {
      PrivateKey privateKey = Pem.readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
      publicKey = Pem.publicKeyOf(privateKey);
      signer = Signer.of(kid, privateKey); // refuses weak RSA and non-P-256 keys
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage());
    }
    if (!Jwk.thumbprint(publicKey).equals(kid)) {
      throw new IOException(file + ": kid in the name is not the key's RFC 7638 thumbprint");
    }
    Instant created = CREATED.parse(name.group(1), Instant::from);
    return new StoredKey(
        kid, signer.algorithm(), created, signer, Verifier.of(kid, publicKey), publicKey);
  }

  private static void warnIfOpenToOthers(Path file) throws IOException {
    if (isPosix(file) && !OWNER_FILE.containsAll(Files.getPosixFilePermissions(file))) {
      LOG.log(Level.WARNING, "{0} is accessible to group or others; chmod 600 it", file);
    }
  }

  private static void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (isPosix(dir)) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
      Files.setPosixFilePermissions(dir, OWNER_DIR); // the umask may have removed owner bits
    } else {
      Files.createDirectory(dir);
    }
  }

  private static void write(Path dir, Path target, String content) throws IOException {
    FileAttribute<?>[] ownerOnly =
        isPosix(dir)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
            : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, ".", ".tmp", ownerOnly);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true); // on disk before the rename makes it visible
      }
      // Readers (other nodes, a reload) see no file or the whole file, never a partial one.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
