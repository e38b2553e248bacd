package io.idbridge.password;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import de.mkammerer.argon2.Argon2Version;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_type;
import de.mkammerer.argon2.jna.Argon2_version;
import de.mkammerer.argon2.jna.JnaUint32;
import de.mkammerer.argon2.jna.Size_t;

/**
 * The reference implementation, libargon2, through argon2-jvm's JNA binding: the hash's memory is
 * allocated and freed by the C library, outside the Java heap.
 */
final class NativeArgon2 implements Argon2Engine {

  // argon2.h: typedef enum Argon2_type { Argon2_d = 0, Argon2_i = 1, Argon2_id = 2 }.
  private static final Argon2_type ARGON2I = new Argon2_type(1);
  private static final Argon2_type ARGON2ID = new Argon2_type(2);
  private static final Argon2_version V13 = new Argon2_version(0x13);

  private final Argon2Library library;

  /** Loads libargon2; throws a {@link LinkageError} where it cannot be loaded. */
  NativeArgon2() {
    this.library = Argon2Library.INSTANCE;
  }

  @Override
  public byte[] derive(Argon2Inputs in, byte[] password) {
    if (in.secret().length > 0 || in.associatedData().length > 0) {
      return keyed(in, password);
    }
    // argon2_hash copies the Java arrays in and out; an empty password is allowed (pwdlen 0).
    byte[] tag = new byte[in.tagLength()];
    int result =
        library.argon2_hash(
            new JnaUint32(in.iterations()),
            new JnaUint32(in.memoryKib()),
            new JnaUint32(in.parallelism()),
            password,
            new Size_t(password.length),
            in.salt(),
            new Size_t(in.salt().length),
            tag,
            new Size_t(tag.length),
            null,
            new Size_t(0),
            in.type() == Argon2Type.ARGON2ID ? ARGON2ID : ARGON2I,
            V13);
    if (result != Argon2Library.ARGON2_OK) {
      // Parameters are checked before they get here: this is memory that malloc refused.
      throw new IllegalStateException("libargon2: " + library.argon2_error_message(result));
    }
    return tag;
  }

  /** RFC 9106's test vectors carry a secret and associated data, which argon2_hash cannot take. */
  private static byte[] keyed(Argon2Inputs in, byte[] password) {
    Argon2Advanced argon2 =
        Argon2Factory.createAdvanced(
            in.type() == Argon2Type.ARGON2ID ? Argon2Types.ARGON2id : Argon2Types.ARGON2i);
    return argon2.rawHashAdvanced(
        in.iterations(),
        in.memoryKib(),
        in.parallelism(),
        password,
        in.salt(),
        orNull(in.secret()),
        orNull(in.associatedData()),
        in.tagLength(),
        Argon2Version.V13);
  }

  /** argon2-jvm refuses an empty array where libargon2 takes NULL for "none". */
  private static byte[] orNull(byte[] optional) {
    return optional.length == 0 ? null : optional;
  }

  @Override
  public String description() {
    return "native";
  }
}
