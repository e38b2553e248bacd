package io.idbridge;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a path with doubled slashes ({@code /voltmx//login}, as a console URL typed with a
 * trailing slash gives) as the path with single ones, as Tomcat does for the WAR.
 */
final class CompactPaths extends Handler.Wrapper {
  CompactPaths(Handler handler) {
    super(handler);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (path == null || !path.contains("//")) {
      return super.handle(request, response, callback);
    }
    HttpURI compacted = HttpURI.build(request.getHttpURI()).path(path.replaceAll("/{2,}", "/"));
    return super.handle(
        new Request.Wrapper(request) {
          @Override
          public HttpURI getHttpURI() {
            return compacted;
          }
        },
        response,
        callback);
  }
}
