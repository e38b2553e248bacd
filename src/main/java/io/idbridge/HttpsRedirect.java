package io.idbridge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request of the plain HTTP port of {@code server.tls.redirectHttp}: a 301 to the
 * same URL on HTTPS for GET and HEAD, a 403 for the rest. A client that posts a password to http://
 * has sent it in the clear already; following a redirect would hide that until it is fixed.
 */
final class HttpsRedirect extends Handler.Wrapper {
  private final ServerConnector plain;
  private final ServerConnector https;

  HttpsRedirect(Handler handler, ServerConnector plain, ServerConnector https) {
    super(handler);
    this.plain = plain;
    this.https = https;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getConnectionMetaData().getConnector() != plain) {
      return super.handle(request, response, callback);
    }
    int port = https.getLocalPort();
    String location =
        "https://"
            + Request.getServerName(request)
            + (port == 443 ? "" : ":" + port)
            + request.getHttpURI().getPathQuery();
    String method = request.getMethod();
    if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
      response.setStatus(301);
      response.getHeaders().put(HttpHeader.LOCATION, location);
      response.write(true, ByteBuffer.allocate(0), callback);
      return true;
    }
    String body =
        "{\"error\":\"https_required\",\"message\":\"send requests with https on port "
            + port
            + ", not http\",\"status\":403}";
    response.setStatus(403);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
