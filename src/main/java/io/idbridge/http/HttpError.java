package io.idbridge.http;

/**
 * Thrown where a request cannot be served as sent; the error filter renders it in the contract's
 * format.
 */
public final class HttpError extends RuntimeException {
  private final ErrorReply error;

  public HttpError(ErrorReply error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public HttpError(int status, String code, String message) {
    this(new ErrorReply(status, code, message));
  }

  public ErrorReply error() {
    return error;
  }
}
