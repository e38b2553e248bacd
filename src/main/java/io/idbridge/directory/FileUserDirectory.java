package io.idbridge.directory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.idbridge.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Users in one JSON file, the embedded default. Writes are atomic (temp file, fsync, rename) under
 * a lock file, so the server and the CLI can both write, and a crash never leaves a half-written
 * file; the server re-reads the file when it changes on disk.
 */
public final class FileUserDirectory implements WritableUserDirectory {
  private static final System.Logger LOG = System.getLogger(FileUserDirectory.class.getName());
  private static final ObjectMapper JSON =
      JsonMappers.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path file;
  private final HashedPasswordCheck passwords;
  private volatile Snapshot snapshot;

  /** The users as last read, with the file's stamp so a change on disk is noticed. */
  private record Snapshot(
      FileTime modified, long size, Map<String, User> byName, Map<String, User> byId) {}

  /** The file's shape: {@code {"users":[{...}]}}, field names in snake case. */
  record UserRecord(
      String id,
      String username,
      String password_hash,
      String display_name,
      String email,
      Map<String, String> attributes,
      boolean disabled,
      String totp_secret,
      boolean totp_confirmed) {

    static UserRecord of(User u) {
      return new UserRecord(
          u.id(),
          u.username(),
          u.passwordHash(),
          u.displayName(),
          u.email(),
          u.attributes(),
          u.disabled(),
          u.totpSecret(),
          u.totpConfirmed());
    }

    User toUser() {
      return new User(
          id,
          username,
          password_hash,
          display_name,
          email,
          attributes,
          disabled,
          totp_secret,
          totp_confirmed);
    }
  }

  record UsersFile(List<UserRecord> users) {}

  public FileUserDirectory(Path file, HashedPasswordCheck passwords) {
    this.file = file.toAbsolutePath();
    this.passwords = passwords;
    this.snapshot = read();
  }

  public Path file() {
    return file;
  }

  @Override
  public LoginCheck authenticate(String username, String password) {
    return passwords.check(findByUsername(username), password, this::rehash);
  }

  /**
   * Stores the upgraded hash under the file lock, only where the file still holds the hash that was
   * verified: a {@code users passwd} from the CLI between the login's read and this write wins.
   */
  void rehash(User verified, String newHash) {
    try {
      modify(
          users -> {
            users.computeIfPresent(
                verified.id(),
                (id, current) ->
                    current.passwordHash().equals(verified.passwordHash())
                        ? current.withPasswordHash(newHash)
                        : current);
            return users;
          });
    } catch (RuntimeException e) {
      // The login itself succeeded; the upgrade is retried at the next login.
      LOG.log(
          System.Logger.Level.WARNING,
          "could not store the upgraded hash of user " + verified.id() + ": " + e);
    }
  }

  @Override
  public Optional<User> findById(String id) {
    return Optional.ofNullable(current().byId().get(id));
  }

  @Override
  public Optional<User> findByUsername(String username) {
    return Optional.ofNullable(current().byName().get(normalise(username)));
  }

  @Override
  public void ping() {
    current();
  }

  @Override
  public void add(User user) {
    modify(
        users -> {
          String name = normalise(user.username());
          if (users.values().stream().anyMatch(u -> normalise(u.username()).equals(name))) {
            throw new IllegalArgumentException(
                "a user named " + user.username() + " exists already");
          }
          if (users.containsKey(user.id())) {
            throw new IllegalArgumentException("a user with id " + user.id() + " exists already");
          }
          users.put(user.id(), user);
          return users;
        });
  }

  @Override
  public void update(User user) {
    modify(
        users -> {
          if (users.replace(user.id(), user) == null) {
            throw new IllegalArgumentException("no user with id " + user.id());
          }
          return users;
        });
  }

  @Override
  public List<User> list() {
    List<User> all = new ArrayList<>(current().byId().values());
    all.sort(Comparator.comparing(User::username));
    return all;
  }

  /** Login names match whatever their case. */
  static String normalise(String username) {
    return username.trim().toLowerCase(Locale.ROOT);
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    try {
      FileTime modified = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
      long size = modified == null ? -1 : Files.size(file);
      if (!java.util.Objects.equals(modified, s.modified()) || size != s.size()) {
        synchronized (this) {
          snapshot = read();
          s = snapshot;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // A file that cannot be read just now (an editor mid-save): keep serving what was read last.
      LOG.log(
          System.Logger.Level.WARNING,
          "could not re-read " + file + ", keeping the users read before: " + e);
    }
    return s;
  }

  private Snapshot read() {
    try {
      if (!Files.exists(file)) {
        return new Snapshot(null, -1, Map.of(), Map.of());
      }
      FileTime modified = Files.getLastModifiedTime(file);
      byte[] bytes = Files.readAllBytes(file);
      UsersFile parsed = JSON.readValue(bytes, new TypeReference<UsersFile>() {});
      Map<String, User> byName = new LinkedHashMap<>();
      Map<String, User> byId = new LinkedHashMap<>();
      for (UserRecord r : parsed.users() == null ? List.<UserRecord>of() : parsed.users()) {
        User u = r.toUser();
        byName.put(normalise(u.username()), u);
        byId.put(u.id(), u);
      }
      return new Snapshot(modified, bytes.length, Map.copyOf(byName), Map.copyOf(byId));
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(
          new IOException(file + ": not a users file: " + e.getMessage(), e));
    }
  }

  /** Read-modify-write under an exclusive lock, then an atomic replace of the file. */
  private synchronized void modify(UnaryOperator<Map<String, User>> change) {
    try {
      Files.createDirectories(file.getParent());
      Path lock = file.resolveSibling(file.getFileName() + ".lock");
      try (FileChannel channel =
          FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock held = channel.lock();
        try {
          Snapshot fresh = read();
          Map<String, User> users = change.apply(new LinkedHashMap<>(fresh.byId()));
          List<UserRecord> records = users.values().stream().map(UserRecord::of).toList();
          write(JSON.writeValueAsBytes(new UsersFile(records)));
          snapshot = read();
        } finally {
          held.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": could not write: " + e.getMessage(), e);
    }
  }

  /**
   * A new file, owner-only from its creation (it holds password hashes and TOTP secrets, and
   * becomes the users file): a copy of every hash is never readable by others, not even between its
   * first byte and a chmod, nor after a kill. A leftover of a killed write (which may carry older
   * permissions) is removed first, since creation sets no mode on an existing file.
   */
  static FileChannel createOwnerOnly(Path temp) throws IOException {
    Files.deleteIfExists(temp);
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(
          temp,
          options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return FileChannel.open(temp, options);
  }

  private void write(byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = createOwnerOnly(temp)) {
      out.write(java.nio.ByteBuffer.wrap(bytes));
      out.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
