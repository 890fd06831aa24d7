package org.bookshelf.testsupport.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bookshelf.testsupport.Directories;
import org.bookshelf.testsupport.Processes;

/**
 * The real nginx binary running the gateway's real config, rendered by its own render-config.sh
 * into a fresh temp prefix and started the way the container entrypoint starts it. The caller
 * gives the environment (at least {@code BOOKS_SERVICE_UPSTREAM} and {@code BOOKS_WEB_UPSTREAM});
 * free loopback ports and one worker are filled in unless given. stdout (the JSON access log) and
 * stderr go to files in the prefix.
 */
public final class NginxGateway implements AutoCloseable {

  /** How long nginx or mtail may take to exit on SIGTERM before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Path prefix;
  private final Process process;
  private final int port;
  private final int statusPort;

  private NginxGateway(Path prefix, Process process, int port, int statusPort) {
    this.prefix = prefix;
    this.process = process;
    this.port = port;
    this.statusPort = statusPort;
  }

  /** Starts nginx on the shipped config found by {@link GatewayFiles#locate()}. */
  public static NginxGateway start(Map<String, String> env) {
    return start(GatewayFiles.locate(), env);
  }

  /** Starts nginx on the shipped config in front of these upstreams ({@code host:port}, several separated by spaces). */
  public static NginxGateway start(String serviceUpstream, String webUpstream, Map<String, String> env) {
    var settings = new HashMap<String, String>();
    settings.put("BOOKS_SERVICE_UPSTREAM", serviceUpstream);
    settings.put("BOOKS_WEB_UPSTREAM", webUpstream);
    settings.putAll(env);
    return start(GatewayFiles.locate(), settings);
  }

  public static NginxGateway start(GatewayFiles files, Map<String, String> env) {
    Path nginx = NginxBinary.require();
    var settings = new HashMap<String, String>();
    settings.put("GATEWAY_PORT", Integer.toString(FreePort.next()));
    settings.put("GATEWAY_STATUS_PORT", Integer.toString(FreePort.next()));
    // One worker: cheap, and round robin over upstreams stays deterministic.
    settings.put("GATEWAY_WORKER_PROCESSES", "1");
    settings.putAll(env);
    try {
      // Traversable by all: when run as root, nginx's workers run as an unprivileged user.
      Path prefix =
          Files.createTempDirectory(
              "bookshelf-gateway-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      RenderResult rendered = ConfigRenderer.render(files, settings, prefix);
      if (!rendered.succeeded()) {
        Directories.deleteTree(prefix);
        throw new IllegalStateException("render-config.sh failed: " + rendered.stderr());
      }
      Process process =
          new ProcessBuilder(
                  nginx.toString(),
                  "-p", prefix + "/",
                  "-c", prefix.resolve("nginx.conf").toString(),
                  "-e", "stderr")
              .redirectOutput(prefix.resolve("stdout.log").toFile())
              .redirectError(prefix.resolve("stderr.log").toFile())
              .start();
      var gateway =
          new NginxGateway(
              prefix,
              process,
              Integer.parseInt(settings.get("GATEWAY_PORT")),
              Integer.parseInt(settings.get("GATEWAY_STATUS_PORT")));
      gateway.awaitReady();
      return gateway;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("nginx exited: " + stderr());
        }
        try {
          int status =
              client
                  .send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.discarding())
                  .statusCode();
          if (status == 200) {
            return;
          }
        } catch (IOException notListeningYet) {
          // polled again below
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("nginx did not answer /healthz within " + STARTUP + ": " + stderr());
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public int statusPort() {
    return statusPort;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  /** The rendered config, as nginx reads it. */
  public Path prefix() {
    return prefix;
  }

  public String stderr() {
    return read(prefix.resolve("stderr.log"));
  }

  /** The access log so far, one JSON object a line; nginx writes it within a second. */
  public List<String> accessLogLines() {
    return read(prefix.resolve("stdout.log")).lines().filter(line -> line.startsWith("{")).toList();
  }

  @Override
  public void close() {
    Processes.stop(process, STOP_GRACE);
    Directories.deleteTree(prefix);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
