package io.idbridge.state;

/** The shared state cannot be reached; a client sees 503 until it can. */
public final class StateUnavailableException extends RuntimeException {
  public StateUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
