package io.idbridge.directory;

/** The user store cannot be reached; a client sees 503 until it comes back. */
public final class DirectoryUnavailableException extends RuntimeException {
  public DirectoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
