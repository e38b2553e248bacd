package io.idbridge.password;

/** An implementation of argon2 version 0x13 (RFC 9106). */
interface Argon2Engine {

  /** The tag that the password and the inputs derive. */
  byte[] derive(Argon2Inputs inputs, byte[] password);

  /** Which implementation this is, for the log and {@code /health}. */
  String description();
}
