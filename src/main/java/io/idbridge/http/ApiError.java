package io.idbridge.http;

/**
 * An error as a contract renders it: the HTTP status, a short machine code and a sentence for
 * people.
 *
 * @param code lower_snake_case, stable: clients may switch on it
 */
public record ApiError(int status, String code, String message) {

  public static ApiError badRequest(String message) {
    return new ApiError(400, "invalid_request", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message);
  }

  public static ApiError internal() {
    return new ApiError(
        500, "internal_error", "internal error; quote the request id when reporting it");
  }

  public static ApiError unavailable(String message) {
    return new ApiError(503, "unavailable", message);
  }
}
