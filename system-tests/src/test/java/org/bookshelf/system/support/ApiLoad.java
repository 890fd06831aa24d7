package org.bookshelf.system.support;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Steady API traffic through the gateway, bounded in time and in count: each of a few threads
 * sends GETs (a book, the list) and every {@code writeEvery}-th request a POST of a new book whose
 * title carries {@code marker}, so the run's books can be listed afterwards. Every outcome is kept.
 */
public final class ApiLoad {

  /**
   * One request, sent at {@code atNanos} and answered (or given up) at {@code answeredNanos}:
   * status -1 when no HTTP answer came (connection error, timeout).
   */
  public record Outcome(long atNanos, long answeredNanos, String method, String isbn, int status, String error) {
    boolean failed() {
      return method.equals("POST") ? status != 201 : status != 200;
    }
  }

  private static final Duration PAUSE = Duration.ofMillis(25);

  private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger budget;
  private final ExecutorService threads;
  private final long startedNanos = System.nanoTime();
  private final long deadlineNanos;

  private ApiLoad(int threadCount, int maxRequests, Duration maxDuration) {
    this.budget = new AtomicInteger(maxRequests);
    this.threads = Executors.newFixedThreadPool(threadCount);
    this.deadlineNanos = startedNanos + maxDuration.toNanos();
  }

  /**
   * Starts {@code threadCount} senders; they stop at {@link #stop()}, after {@code maxDuration}
   * or after {@code maxRequests} requests in all, whichever comes first.
   */
  public static ApiLoad start(
      GatewayClient api, String marker, Supplier<String> isbns, String readIsbn,
      int threadCount, int writeEvery, int maxRequests, Duration maxDuration) {
    ApiLoad load = new ApiLoad(threadCount, maxRequests, maxDuration);
    for (int t = 0; t < threadCount; t++) {
      int thread = t;
      load.threads.submit(() -> load.send(api, marker, isbns, readIsbn, thread, writeEvery));
    }
    return load;
  }

  private void send(GatewayClient api, String marker, Supplier<String> isbns, String readIsbn, int thread, int writeEvery) {
    for (int i = thread; !stopping.get() && System.nanoTime() < deadlineNanos && budget.getAndDecrement() > 0; i++) {
      if (i % writeEvery == writeEvery - 1) {
        String isbn = isbns.get();
        String json = "{\"isbn\":\"" + isbn + "\",\"title\":\"" + marker + " " + isbn + "\",\"author\":\"Load\"}";
        record("POST", isbn, () -> api.post("/books", json, SystemStack.API_KEY));
      } else if (i % 2 == 0) {
        record("GET", readIsbn, () -> api.get("/books/" + readIsbn));
      } else {
        record("GET", null, () -> api.get("/books?limit=5"));
      }
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void record(String method, String isbn, Supplier<HttpResponse<String>> request) {
    long at = System.nanoTime();
    try {
      int status = request.get().statusCode();
      outcomes.add(new Outcome(at, System.nanoTime(), method, isbn, status, null));
    } catch (UncheckedIOException | IllegalStateException e) {
      outcomes.add(new Outcome(at, System.nanoTime(), method, isbn, -1, String.valueOf(e.getCause())));
    }
  }

  /** Stops the senders, waits for their last requests, and returns what happened. */
  public LoadReport stop() {
    stopping.set(true);
    threads.shutdown();
    try {
      if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
    synchronized (outcomes) {
      return new LoadReport(startedNanos, List.copyOf(outcomes));
    }
  }

  /** Whether the senders are still running (the time or count bound not reached). */
  public boolean running() {
    return !stopping.get() && System.nanoTime() < deadlineNanos && budget.get() > 0;
  }
}
