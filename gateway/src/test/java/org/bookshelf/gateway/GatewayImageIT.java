package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The books-gateway image the build produced (on the public or the offline nginx base), run
 * with a read-only root filesystem and a tmpfs at /tmp only (it must start so), no upstream
 * running and, as shipped, no key file mounted.
 */
@RequiresDocker
class GatewayImageIT {

  private static GenericContainer<?> gateway;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    gateway = hardened(new GenericContainer<>(TestSettings.projectImage("books-gateway")));
    gateway.start();
  }

  private static GenericContainer<?> hardened(GenericContainer<?> container, Bind... binds) {
    return container
        // Names must resolve when nginx starts; nothing listens on these ports.
        .withEnv(Map.of("BOOKS_SERVICE_UPSTREAM", "127.0.0.1:5000", "BOOKS_WEB_UPSTREAM", "127.0.0.1:3000"))
        .withExposedPorts(8080, 8081)
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true).withBinds(binds))
        .withTmpFs(Map.of("/tmp", "rw,size=16m"))
        .waitingFor(Wait.forHttp("/healthz").forPort(8080).forStatusCode(200));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.stop();
    }
  }

  @Test
  void answers_healthz() throws Exception {
    var response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void nginx_master_and_workers_run_as_the_unprivileged_user() throws Exception {
    String master = gateway.execInContainer("grep", "^Uid:", "/proc/1/status").getStdout();
    String all = gateway.execInContainer("sh", "-c", "grep -h '^Uid:' /proc/[0-9]*/status | sort -u").getStdout();

    assertThat(master.split("\\s+")).containsSequence("Uid:", "101", "101");
    assertThat(all.lines()).allSatisfy(line -> assertThat(line.split("\\s+")).containsSequence("Uid:", "101", "101"));
  }

  @Test
  void upstream_down_is_a_json_502_from_the_image() throws Exception {
    var response = get("/books");

    Problems.assertProblem(response, 502);
    assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void without_a_mounted_key_file_every_write_is_refused_and_the_start_says_what_to_mount() throws Exception {
    for (String authorization : new String[] {null, "Bearer bookshelf-local-key", "Bearer 0123456789abcdef0123"}) {
      var response = send("POST", "/books", authorization);

      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    assertThat(gateway.getLogs()).contains("no API key file is mounted", "/etc/nginx/secrets/api-keys.map");
  }

  @Test
  void a_key_file_mounted_at_the_documented_path_is_used(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("api-keys.map");
    Files.writeString(keys, "0123456789abcdef0123456789abcdef image-test;\n");
    keys.toFile().setReadable(true, false);
    dir.toFile().setExecutable(true, false);
    // A plain bind, as compose mounts it (withFileSystemBind would first pull a helper image).
    var bind = new Bind(keys.toString(), new Volume("/etc/nginx/secrets/api-keys.map"), AccessMode.ro);
    try (var keyed = hardened(new GenericContainer<>(TestSettings.projectImage("books-gateway")), bind)) {
      keyed.start();

      // Past the key check, the write meets the missing upstream: 502, not 401.
      assertThat(send(keyed, "POST", "/books", "Bearer 0123456789abcdef0123456789abcdef").statusCode()).isEqualTo(502);
      assertThat(send(keyed, "POST", "/books", "Bearer bookshelf-local-key").statusCode()).isEqualTo(401);
      assertThat(keyed.getLogs()).doesNotContain("no API key file is mounted");
    }
  }

  @Test
  void stub_status_answers_on_the_status_port() throws Exception {
    var response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://" + gateway.getHost() + ":" + gateway.getMappedPort(8081) + "/nginx_status")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).contains("Active connections");
  }

  @Test
  void access_log_lines_are_json_on_stdout() throws Exception {
    send("GET", "/books?probe=log", null);

    // Docker delivers container output asynchronously: wait for the line, then check it.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        gateway.getLogs().lines().filter(l -> l.contains("\"query\":\"probe=log\"")))
                    .singleElement()
                    .satisfies(line -> assertThat(line).startsWith("{").contains("\"status\":502")));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  private static HttpResponse<String> send(String method, String path, String authorization) throws Exception {
    return send(gateway, method, path, authorization);
  }

  private static HttpResponse<String> send(
      GenericContainer<?> container, String method, String path, String authorization) throws Exception {
    var builder =
        HttpRequest.newBuilder(URI.create("http://" + container.getHost() + ":" + container.getMappedPort(8080) + path))
            .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}"));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
