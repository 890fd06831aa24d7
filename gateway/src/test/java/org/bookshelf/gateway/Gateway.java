package org.bookshelf.gateway;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real nginx binary running the gateway's real config, rendered by render-config.sh for
 * upstreams on 127.0.0.1, from a fresh temp prefix. Started like the container entrypoint
 * starts it; stdout (the JSON access log) and stderr go to files in the prefix.
 */
final class Gateway implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path prefix;
  private final Process process;
  private final int port;
  private final int statusPort;

  private Gateway(Path prefix, Process process, int port, int statusPort) {
    this.prefix = prefix;
    this.process = process;
    this.port = port;
    this.statusPort = statusPort;
  }

  /**
   * Starts a gateway. Tests get one worker (deterministic round robin) and generous rate
   * limits unless {@code env} says otherwise; keys come from the local key file compose mounts (config/api-keys.map).
   */
  static Gateway start(String serviceUpstream, String webUpstream, Map<String, String> env) {
    Path nginx = NginxBinary.require();
    int port = FreePort.next();
    int statusPort = FreePort.next();
    var settings = new HashMap<String, String>();
    settings.put("BOOKS_SERVICE_UPSTREAM", serviceUpstream);
    settings.put("BOOKS_WEB_UPSTREAM", webUpstream);
    settings.put("GATEWAY_PORT", Integer.toString(port));
    settings.put("GATEWAY_STATUS_PORT", Integer.toString(statusPort));
    settings.put("GATEWAY_WORKER_PROCESSES", "1");
    settings.put("GATEWAY_API_KEYS_FILE", GatewayFiles.localKeysFile().toString());
    settings.put("GATEWAY_RATE_LIMIT", "1000r/s");
    settings.put("GATEWAY_RATE_LIMIT_BURST", "1000");
    settings.put("GATEWAY_WRITE_RATE_LIMIT", "1000r/s");
    settings.put("GATEWAY_WRITE_RATE_LIMIT_BURST", "1000");
    settings.putAll(env);
    try {
      // Traversable by all: run as root (CI), nginx's workers run as an unprivileged user.
      Path prefix =
          Files.createTempDirectory(
              "bookshelf-gateway-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      RenderResult rendered = ConfigRenderer.render(settings, prefix);
      if (!rendered.succeeded()) {
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
      var gateway = new Gateway(prefix, process, port, statusPort);
      gateway.awaitReady();
      return gateway;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Gateway start(String serviceUpstream, String webUpstream) {
    return start(serviceUpstream, webUpstream, Map.of());
  }

  private void awaitReady() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try {
      await("nginx answers /healthz")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptionsMatching(e -> e instanceof IOException && process.isAlive())
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException("nginx exited: " + stderr());
                }
                return client
                        .send(
                            HttpRequest.newBuilder(uri("/healthz")).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              });
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  int port() {
    return port;
  }

  int statusPort() {
    return statusPort;
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  String stderr() {
    return read(prefix.resolve("stderr.log"));
  }

  /** Every access log line so far, parsed. */
  List<JsonNode> accessLog() {
    return read(prefix.resolve("stdout.log")).lines().filter(l -> l.startsWith("{")).map(Gateway::parse).toList();
  }

  /** The access log line of one request; nginx buffers the log and writes it within a second. */
  JsonNode awaitLogLine(String requestId) {
    return await("access log line for " + requestId)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                accessLog().stream()
                    .filter(line -> requestId.equals(line.path("request_id").asText()))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
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
    try (Stream<Path> files = Files.walk(prefix)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalStateException("access log line is not JSON: " + line, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
