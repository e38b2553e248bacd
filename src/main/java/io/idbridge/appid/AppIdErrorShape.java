package io.idbridge.appid;

import io.idbridge.http.ErrorReply;
import io.idbridge.http.ErrorShape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The App ID endpoints' error body, shaped like App ID's own (RFC 6749 §5.2) plus the request id;
 * always JSON.
 */
public final class AppIdErrorShape implements ErrorShape {

  @Override
  public Map<String, Object> body(ErrorReply error, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.code());
    body.put("error_description", error.message());
    body.put("request_id", requestId);
    return body;
  }

  @Override
  public boolean allowsXml() {
    return false;
  }
}
