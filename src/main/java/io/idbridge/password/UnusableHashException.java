package io.idbridge.password;

/** A stored hash that cannot be checked: malformed, or with parameters too costly to honour. */
final class UnusableHashException extends RuntimeException {

  /** The reason names the problem and may quote a parameter, never the hash itself. */
  UnusableHashException(String reason) {
    // No stack trace: this is an expected outcome for bad stored data, reported by a warning.
    super(reason, null, false, false);
  }
}
