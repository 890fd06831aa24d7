package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Log lines are buffered, yet reach stdout while the process runs, not only at exit. */
class BufferedStdoutTest {

  @Test
  void access_log_line_reaches_stdout_while_the_process_keeps_running() throws Exception {
    Process process = SignalExitMain.launch();
    // If the line never comes, kill the child so the read below ends and the test fails.
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                  process.destroyForcibly();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    watchdog.setDaemon(true);
    watchdog.start();
    boolean sawAccessLine = false;
    boolean aliveWhenSeen = false;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("READY ")) {
          String port = line.substring("READY ".length()).strip();
          HttpResponse<Void> response =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                          .header("X-Request-ID", "buffered-1")
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
          assertThat(response.statusCode()).isEqualTo(200);
        }
        if (line.contains("route=/health/live")) {
          sawAccessLine = true;
          aliveWhenSeen = process.isAlive();
          process.toHandle().destroy();
        }
      }
    } finally {
      process.destroyForcibly();
    }

    assertThat(sawAccessLine).as("the access log line of the request").isTrue();
    assertThat(aliveWhenSeen).as("seen before the process exited").isTrue();
  }
}
