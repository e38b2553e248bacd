package io.idbridge.connectycube;

import io.idbridge.http.ErrorReply;
import io.idbridge.http.ErrorShape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ConnectyCube's error body, {@code {"error": message, "request_id": …}}: ConnectyCube quotes our
 * status and body to the app's user, so the message is the sentence for people, and the body is
 * always JSON.
 */
public final class ConnectyCubeErrorShape implements ErrorShape {

  @Override
  public Map<String, Object> body(ErrorReply error, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.message());
    body.put("request_id", requestId);
    return body;
  }

  @Override
  public boolean allowsXml() {
    return false;
  }
}
