package io.idbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.idbridge.http.AccessLogFilter;
import io.idbridge.http.ErrorReply;
import io.idbridge.http.ErrorShape;
import io.idbridge.http.ErrorShapes;
import io.idbridge.http.RequestIds;
import io.idbridge.http.Requests;
import io.idbridge.http.Responses;
import io.idbridge.http.StatusErrors;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches the webapp (a malformed request line or header, an
 * ambiguous path, a protocol it does not speak): the contract's error of the path, as far as Jetty
 * parsed one, with the request id, and an access log line. Inside the webapp, the error filter and
 * {@code /_error} do this.
 */
final class JsonServerErrors extends ErrorHandler {
  private final ErrorShapes shapes;

  JsonServerErrors(ErrorShapes shapes) {
    this.shapes = shapes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback)
      throws JsonProcessingException {
    int status = response.getStatus() >= 400 ? response.getStatus() : 400;
    HttpFields headers = request.getHeaders();
    String sentHeader = RequestIds.sentHeader(headers::get);
    String id = RequestIds.accept(sentHeader == null ? null : headers.get(sentHeader));
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    ErrorShape shape = shapes.forPath(path == null ? "/" : path);
    ErrorReply error = StatusErrors.of(status);
    byte[] body = Responses.json().writeValueAsBytes(shape.body(error, id));
    response.setStatus(shape.status(error));
    HttpFields.Mutable out = response.getHeaders();
    out.put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
    out.put(HttpHeader.CACHE_CONTROL, "no-store");
    out.put("X-Content-Type-Options", "nosniff");
    out.put("X-Request-Id", id);
    if (sentHeader != null && !sentHeader.equals("X-Request-Id")) {
      out.put(sentHeader, id);
    }
    AccessLogFilter.log(
        id,
        String.valueOf(request.getMethod()),
        path == null ? "-" : Requests.printable(path),
        response.getStatus(),
        0);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
