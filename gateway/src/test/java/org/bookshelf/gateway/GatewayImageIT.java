package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The books-gateway image the build produced (on the public or the offline nginx base), run
 * hardened: read-only root filesystem, a tmpfs at /tmp only, no upstream running.
 */
@RequiresDocker
class GatewayImageIT {

  private static GenericContainer<?> gateway;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    gateway =
        new GenericContainer<>(TestSettings.projectImage("books-gateway"))
            // Names must resolve when nginx starts; nothing listens on these ports.
            .withEnv(Map.of("BOOKS_SERVICE_UPSTREAM", "127.0.0.1:5000", "BOOKS_WEB_UPSTREAM", "127.0.0.1:3000"))
            .withExposedPorts(8080, 8081)
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
            .withTmpFs(Map.of("/tmp", "rw,size=16m"))
            .waitingFor(Wait.forHttp("/healthz").forPort(8080).forStatusCode(200));
    gateway.start();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.stop();
    }
  }

  @Test
  void answers_healthz_on_a_read_only_root_filesystem() throws Exception {
    var response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
    assertThat(gateway.getContainerInfo().getHostConfig().getReadonlyRootfs()).isTrue();
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

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void the_image_ships_the_default_local_key_for_writes() throws Exception {
    var anonymous = send("POST", "/books", null);
    var local = send("POST", "/books", "Bearer bookshelf-local-key");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(local.statusCode()).isEqualTo(502);
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
    var builder =
        HttpRequest.newBuilder(URI.create("http://" + gateway.getHost() + ":" + gateway.getMappedPort(8080) + path))
            .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}"));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
