package io.idbridge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches the webapp (a malformed request line, say): a small
 * JSON body instead of Jetty's HTML page. Inside the webapp, the error filter and {@code /_error}
 * do this.
 */
final class JsonServerErrors extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 400;
    String body =
        "{\"error\":\""
            + (status >= 500 ? "internal_error" : "invalid_request")
            + "\",\"message\":\"the request could not be processed\",\"status\":"
            + status
            + "}";
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
