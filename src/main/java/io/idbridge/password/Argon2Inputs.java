package io.idbridge.password;

/**
 * Everything argon2 derives a tag from besides the password (RFC 9106 §3.1). Stored PHC strings
 * carry no secret and no associated data; RFC 9106's own test vectors do.
 */
record Argon2Inputs(
    Argon2Type type,
    int memoryKib,
    int iterations,
    int parallelism,
    byte[] salt,
    byte[] secret,
    byte[] associatedData,
    int tagLength) {

  static Argon2Inputs of(
      Argon2Type type, int memoryKib, int iterations, int parallelism, byte[] salt, int tagLength) {
    return new Argon2Inputs(
        type, memoryKib, iterations, parallelism, salt, new byte[0], new byte[0], tagLength);
  }
}
