package org.bookshelf.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;

/**
 * Drains a server on stop without refusing anyone. Jetty's own {@code GracefulHandler} answers
 * 503 to a request that arrives on an already open keep-alive connection once stopping has
 * begun; behind a proxy that request may be a POST it cannot safely resend. Here such a request
 * is served, with {@code Connection: close}, so the proxy's next request opens a new connection,
 * which the closed connector refuses and the proxy sends to another replica. The drain ends when
 * no request has been running for a quiet period; Jetty's stop timeout bounds the whole wait.
 */
final class DrainingHandler extends Handler.Wrapper implements Graceful {

  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong lastActivityNanos = new AtomicLong(System.nanoTime());
  private final long quietNanos;
  private final Executor afterQuietPeriod;
  private volatile CompletableFuture<Void> drained;

  DrainingHandler(Duration quietPeriod) {
    this.quietNanos = quietPeriod.toNanos();
    this.afterQuietPeriod =
        CompletableFuture.delayedExecutor(quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    inFlight.incrementAndGet();
    lastActivityNanos.set(System.nanoTime());
    if (drained != null) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    boolean handled = false;
    try {
      handled = super.handle(request, response, Callback.from(callback, this::finished));
      return handled;
    } finally {
      if (!handled) {
        finished();
      }
    }
  }

  @Override
  public synchronized CompletableFuture<Void> shutdown() {
    if (drained == null) {
      drained = new CompletableFuture<>();
      checkLater();
    }
    return drained;
  }

  @Override
  public boolean isShutdown() {
    CompletableFuture<Void> future = drained;
    return future != null && future.isDone();
  }

  private void finished() {
    inFlight.decrementAndGet();
    lastActivityNanos.set(System.nanoTime());
  }

  private void checkLater() {
    CompletableFuture.runAsync(
        () -> {
          boolean quiet =
              inFlight.get() == 0 && System.nanoTime() - lastActivityNanos.get() >= quietNanos;
          if (quiet) {
            drained.complete(null);
          } else if (!drained.isDone()) {
            checkLater();
          }
        },
        afterQuietPeriod);
  }
}
