package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicBoolean poolClosed = new AtomicBoolean();

  private TestApp slowApp(Map<String, String> env) {
    return new TestApp(
        env,
        () -> {},
        config ->
            config.routes.get(
                "/slow",
                ctx -> {
                  entered.countDown();
                  release.await(60, TimeUnit.SECONDS);
                  ctx.result("finished");
                }));
  }

  @Test
  void in_flight_request_finishes_then_new_connections_are_refused_then_resources_close()
      throws Exception {
    TestApp app = slowApp(Map.of());
    int port = app.app.port();
    GracefulShutdown shutdown = new GracefulShutdown(app.app, List.of(() -> poolClosed.set(true)));

    CompletableFuture<HttpResponse<String>> inFlight = app.sendAsync("/slow");
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    Thread stopper = new Thread(shutdown::run);
    stopper.start();
    awaitRefused(port);

    assertThat(poolClosed).isFalse();
    release.countDown();
    HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
    stopper.join(30_000);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("finished");
    assertThat(stopper.isAlive()).isFalse();
    assertThat(poolClosed).isTrue();
    app.registry.close();
  }

  @Test
  void shutdown_wait_is_bounded_by_the_timeout() throws Exception {
    TestApp app = slowApp(Map.of("SHUTDOWN_TIMEOUT_SECONDS", "1"));
    GracefulShutdown shutdown = new GracefulShutdown(app.app, List.of(() -> poolClosed.set(true)));

    CompletableFuture<HttpResponse<String>> stuck = app.sendAsync("/slow");
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    Thread stopper = new Thread(shutdown::run);
    stopper.start();
    stopper.join(30_000);

    assertThat(stopper.isAlive()).as("shutdown returned although a request never ends").isFalse();
    assertThat(poolClosed).isTrue();
    release.countDown();
    stuck.handle((r, e) -> null).get(30, TimeUnit.SECONDS);
    app.registry.close();
  }

  @Test
  void request_on_an_open_keep_alive_connection_while_draining_is_served_with_connection_close()
      throws Exception {
    TestApp app = slowApp(Map.of());
    int port = app.app.port();
    GracefulShutdown shutdown = new GracefulShutdown(app.app, List.of(() -> poolClosed.set(true)));

    try (Socket keepAlive = new Socket("127.0.0.1", port)) {
      String before = exchange(keepAlive);
      CompletableFuture<HttpResponse<String>> inFlight = app.sendAsync("/slow");
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      Thread stopper = new Thread(shutdown::run);
      stopper.start();
      awaitRefused(port);

      String during = exchange(keepAlive);

      assertThat(before).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
      assertThat(during).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
      release.countDown();
      assertThat(inFlight.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      stopper.join(30_000);
      assertThat(poolClosed).isTrue();
    }
    app.registry.close();
  }

  /** One GET /health/live on an open connection; returns the response head. */
  private static String exchange(Socket socket) throws IOException {
    var out = socket.getOutputStream();
    out.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    StringBuilder head = new StringBuilder();
    int length = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      head.append(line).append('\n');
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    assertThat(head).as("a Content-Length response").containsIgnoringCase("content-length");
    in.skip(length);
    return head.toString();
  }

  private static void awaitRefused(int port) throws InterruptedException {
    for (int i = 0; i < 3000; i++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        Thread.sleep(10);
      } catch (ConnectException refused) {
        return;
      } catch (IOException other) {
        Thread.sleep(10);
      }
    }
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }
}
