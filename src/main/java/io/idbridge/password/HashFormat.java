package io.idbridge.password;

/** The stored password hash formats this package can recognise. */
public enum HashFormat {
  ARGON2ID,
  ARGON2I,
  BCRYPT,
  PBKDF2_SHA256,
  PBKDF2_SHA512,
  DJANGO_PBKDF2_SHA256,
  SHA256_CRYPT,
  SHA512_CRYPT,
  UNKNOWN
}
