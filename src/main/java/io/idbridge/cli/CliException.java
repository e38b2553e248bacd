package io.idbridge.cli;

/** A command that cannot be carried out, with the one line that says why. */
final class CliException extends RuntimeException {
  CliException(String message) {
    super(message);
  }
}
