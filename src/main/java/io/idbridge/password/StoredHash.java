package io.idbridge.password;

/** A stored hash parsed into its parameters, able to check a password against itself. */
sealed interface StoredHash permits Argon2Hash, BcryptHash, Pbkdf2Hash, ShaCryptHash {

  /** True when the password derives the stored bytes; the comparison runs in constant time. */
  boolean matches(String password);

  /**
   * The memory one check holds while it runs, for admission. Only argon2's counts: bcrypt's 4 KiB
   * of state and the few hundred bytes of PBKDF2 and SHA-crypt are nothing beside it.
   */
  default long memoryKib() {
    return 0;
  }
}
