package org.bookshelf.gateway;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bookshelf.testsupport.MissingTool;
import org.bookshelf.testsupport.gateway.FreePort;
import org.bookshelf.testsupport.gateway.GatewayFiles;
import org.junit.jupiter.api.Assumptions;

/**
 * The real mtail (Debian's package: {@code MTAIL_BIN}, else the PATH) running the gateway's
 * program (gateway/mtail) on a fresh unix datagram socket, as the gateway-metrics container
 * does. Without mtail the test is skipped loudly, or fails under BOOKSHELF_REQUIRE_TOOLS=true.
 */
final class Mtail implements AutoCloseable {

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

  static Mtail start() {
    Path mtail = binary();
    int port = FreePort.next();
    try {
      // Traversable by all: nginx started as root runs its workers as an unprivileged user.
      Path dir =
          Files.createTempDirectory(
              "bookshelf-mtail-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      Path socket = dir.resolve("access.sock");
      Path module = GatewayFiles.locate().moduleDir();
      // The image's own entrypoint, on the host's mtail. umask 000: mtail creates the socket
      // 0755 (STYLE item 5, pitfall 2) and here the nginx workers are not its owner (the
      // images run both as uid 101 instead).
      var builder =
          new ProcessBuilder(
                  "sh", "-c", "umask 000; exec sh \"$0\" --address 127.0.0.1",
                  module.resolve("mtail/entrypoint.sh").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("mtail.log").toFile());
      builder.environment().put("MTAIL_BIN", mtail.toString());
      builder.environment().put("MTAIL_PROGS", module.resolve("mtail/gateway.mtail").toString());
      builder.environment().put("MTAIL_PORT", Integer.toString(port));
      builder.environment().put("GATEWAY_METRICS_SOCKET", socket.toString());
      Process process = builder.start();
      var started = new Mtail(dir, process, port);
      started.awaitSocket(socket);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The socket the gateway logs to: GATEWAY_METRICS_SOCKET. */
  String socket() {
    return dir.resolve("access.sock").toString();
  }

  /** mtail's Prometheus text exposition. */
  String metrics() {
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

  private void awaitSocket(Path socket) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!(Files.exists(socket) && answers())) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("mtail did not start: " + log());
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

  String log() {
    try {
      return Files.readString(dir.resolve("mtail.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }

  private static Path binary() {
    Optional<Path> found = find();
    if (found.isPresent()) {
      return found.get();
    }
    String skipped =
        MissingTool.skipOrFail(
                "The gateway metrics tests",
                "run the real mtail and none was found (MTAIL_BIN, PATH)",
                "apt-get install mtail, or set MTAIL_BIN")
            .getReason()
            .orElseThrow();
    Assumptions.abort(skipped);
    throw new AssertionError("unreachable");
  }

  private static Optional<Path> find() {
    String explicit = System.getenv("MTAIL_BIN");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "mtail"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
