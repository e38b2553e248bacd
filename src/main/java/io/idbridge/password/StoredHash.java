package io.idbridge.password;

/** A stored hash parsed into its parameters, able to check a password against itself. */
sealed interface StoredHash permits Argon2idHash, BcryptHash, Pbkdf2Hash, Sha512CryptHash {

  /** True when the password derives the stored bytes; the comparison runs in constant time. */
  boolean matches(String password);
}
