package io.idbridge.mca;

import io.idbridge.http.ErrorReply;
import io.idbridge.http.ErrorShape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MCA's calls answer HTTP 200 whatever happened (every reply to MCA is 200, its status in the
 * body), so a request we cannot read, a user store that is down or our own bug say {@code failure}
 * to MCA, with the error and request id for people. Only what is not one of MCA's calls keeps its
 * status: another path or method, or a caller that is not MCA.
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

  @Override
  public int status(ErrorReply error) {
    return switch (error.status()) {
      case 401, 403, 404, 405 -> error.status();
      default -> 200;
    };
  }
}
