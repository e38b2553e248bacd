package io.idbridge.http;

/**
 * Thrown where a request cannot be served as sent; the error filter renders it in the contract's
 * format.
 */
public final class HttpError extends RuntimeException {
  private final ApiError error;

  public HttpError(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public HttpError(int status, String code, String message) {
    this(new ApiError(status, code, message));
  }

  public ApiError error() {
    return error;
  }
}
