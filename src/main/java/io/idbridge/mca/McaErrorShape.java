package io.idbridge.mca;

import io.idbridge.http.ErrorReply;
import io.idbridge.http.ErrorShape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MCA's calls answer 200 with a status in the body; a request we cannot read gets its HTTP error
 * status, with a body that still says {@code failure} to MCA, and the error and request id for
 * people.
 */
public final class McaErrorShape implements ErrorShape {

  @Override
  public Map<String, Object> body(ErrorReply error, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "failure");
    body.put("error", error.code());
    body.put("message", error.message());
    body.put("requestId", requestId);
    return body;
  }
}
