package io.idbridge.http;

import java.util.Map;

/** How one contract writes an error body; each contract package has one. */
public interface ErrorShape {

  /** The body for an error, which must carry the request id. */
  Map<String, Object> body(ErrorReply error, String requestId);

  /** The HTTP status to answer with; a contract may answer 200 and put the status in the body. */
  default int status(ErrorReply error) {
    return error.status();
  }

  /**
   * Whether the error may be XML when the caller's Accept prefers it; false for platforms that
   * parse only JSON.
   */
  default boolean allowsXml() {
    return true;
  }
}
