package io.idbridge.password;

import java.time.Duration;

/**
 * Too many hashes are already waiting to run: the request is refused at once (503 with {@code
 * Retry-After}) rather than holding a request thread that other requests need.
 */
public final class HashingBusyException extends RuntimeException {

  /** A few hashes' time at most: the queue it found full drains in well under a second. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  HashingBusyException() {
    // No stack trace: under load this is an expected outcome, and the error filter renders it.
    super("too many passwords are being checked at once", null, false, false);
  }

  public Duration retryAfter() {
    return RETRY_AFTER;
  }
}
