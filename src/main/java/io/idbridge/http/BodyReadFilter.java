package io.idbridge.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a request's whole body, within {@code http.maxBodyBytes} and {@code http.bodyTimeout},
 * before the rest of the chain sees the request, then dispatches it on (as ASYNC) with the bytes or
 * with the reason they could not be read, which {@link UnreadableBodyFilter} answers.
 *
 * <p>First in the chain, and non-blocking (the Servlet API's {@link ReadListener}), so that a
 * client sending its body slowly holds a connection, never one of the threads every other request
 * needs; and the same code bounds it in the WAR as under {@code java -jar}.
 */
public final class BodyReadFilter extends HttpFilter {
  private final int maxBytes;
  private final Duration timeout;

  public BodyReadFilter(int maxBytes, Duration timeout) {
    this.maxBytes = maxBytes;
    this.timeout = timeout;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    long length = req.getContentLengthLong();
    // RFC 9112 §6.3: without Content-Length or Transfer-Encoding a request has no body.
    if (length == 0 || (length < 0 && req.getHeader("Transfer-Encoding") == null)) {
      RequestBody.received(req, new byte[0]);
      chain.doFilter(req, res);
      return;
    }
    if (length > maxBytes) {
      RequestBody.unreadable(
          req, new RequestBody.Failure(RequestBody.tooLarge(maxBytes), "declared body too large"));
      chain.doFilter(req, res);
      return;
    }
    req.setAttribute(AccessLogFilter.ARRIVED, System.nanoTime());
    AsyncContext async = req.startAsync();
    async.setTimeout(timeout.toMillis());
    Reading reading = new Reading(req, async, req.getInputStream());
    async.addListener(reading);
    req.getInputStream().setReadListener(reading);
  }

  /** One body being read; whichever of its ends comes first dispatches the request, once. */
  private final class Reading implements ReadListener, AsyncListener {
    private final HttpServletRequest req;
    private final AsyncContext async;
    private final ServletInputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicBoolean ended = new AtomicBoolean();

    Reading(HttpServletRequest req, AsyncContext async, ServletInputStream in) {
      this.req = req;
      this.async = async;
      this.in = in;
    }

    @Override
    public void onDataAvailable() throws IOException {
      byte[] buffer = new byte[8192];
      while (!ended.get() && in.isReady()) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        synchronized (bytes) {
          bytes.write(buffer, 0, n);
          if (bytes.size() > maxBytes) {
            fail(RequestBody.tooLarge(maxBytes), "body too large");
            return;
          }
        }
      }
    }

    @Override
    public void onAllDataRead() {
      if (ended.compareAndSet(false, true)) {
        synchronized (bytes) {
          RequestBody.received(req, bytes.toByteArray());
        }
        async.dispatch();
      }
    }

    /**
     * A bad chunk size, a body shorter than its Content-Length, a client gone mid-body; or the
     * connection's own idle timeout, when it is shorter than ours, which is the same slowness.
     */
    @Override
    public void onError(Throwable t) {
      if (t instanceof TimeoutException || t.getCause() instanceof TimeoutException) {
        timedOut("the connection idled out before the body was in");
      } else {
        fail(
            ErrorReply.badRequest("the request body is malformed or incomplete"),
            String.valueOf(t));
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      timedOut("body not received within " + timeout);
    }

    private void timedOut(String why) {
      fail(
          new ErrorReply(
              408,
              "request_timeout",
              "the request body did not arrive within " + timeout.toSeconds() + " s"),
          why);
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {
      onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private void fail(ErrorReply error, String why) {
      if (ended.compareAndSet(false, true)) {
        RequestBody.unreadable(req, new RequestBody.Failure(error, why));
        async.dispatch();
      }
    }
  }
}
