package org.bookshelf.testsupport.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.bookshelf.testsupport.Directories;
import org.bookshelf.testsupport.Executables;
import org.bookshelf.testsupport.Processes;

/**
 * The real mtail (Debian's package: {@code MTAIL_BIN}, else the PATH) running the gateway's
 * program (gateway/mtail) on a fresh metrics log, started by the gateway-metrics image's own
 * entrypoint. Without mtail the test is skipped loudly, or fails under BOOKSHELF_REQUIRE_TOOLS=true.
 */
public final class Mtail implements AutoCloseable {

  /** How long nginx or mtail may take to exit on SIGTERM before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Path dir;
  private final Process process;
  private final int port;
  private final HttpClient client = HttpClient.newHttpClient();

  private Mtail(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  public static Mtail start() {
    Path mtail = binary();
    int port = FreePort.next();
    try {
      Path dir =
          Files.createTempDirectory(
              "bookshelf-mtail-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      Path log = dir.resolve("access.log");
      Path module = GatewayFiles.locate().moduleDir();
      var builder =
          new ProcessBuilder("sh", module.resolve("mtail/entrypoint.sh").toString(), "--address", "127.0.0.1")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("mtail.log").toFile());
      builder.environment().put("MTAIL_BIN", mtail.toString());
      builder.environment().put("MTAIL_PROGS", module.resolve("mtail/gateway.mtail").toString());
      builder.environment().put("MTAIL_PORT", Integer.toString(port));
      builder.environment().put("GATEWAY_METRICS_LOG", log.toString());
      Process process = builder.start();
      var started = new Mtail(dir, process, port);
      started.awaitAnswer();
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file the gateway logs to: GATEWAY_METRICS_LOG. */
  public String log() {
    return dir.resolve("access.log").toString();
  }

  /** mtail's Prometheus text exposition. */
  public String metrics() {
    try {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitAnswer() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("mtail did not start: " + output());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private boolean answers() {
    try {
      metrics();
      return true;
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }

  public String output() {
    try {
      return Files.readString(dir.resolve("mtail.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    Processes.stop(process, STOP_GRACE);
    Directories.deleteTree(dir);
  }

  private static Path binary() {
    return Executables.require(
        "MTAIL_BIN",
        "mtail",
        "The gateway metrics tests",
        "run the real mtail",
        "apt-get install mtail, or set MTAIL_BIN");
  }
}
