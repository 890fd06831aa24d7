package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.RequiresKubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The local overlay's wiring on the real images: every Deployment and StatefulSet of the
 * rendered manifests runs as containers (ManifestStack), then every probe of every replica is
 * run as the kubelet would, and requests go through the gateway to both services and the
 * database. About 40-60 s on 2 cores for PostgreSQL init plus four JVMs, plus Keycloak's first
 * start (about 2 minutes under load).
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresKubectl
class ManifestStackIT {

  private static final String SEEDED_ISBN = "9781788395540";
  private final HttpClient http = HttpClient.newHttpClient();
  private final RenderedManifests manifests = RenderedManifests.render(Overlays.LOCAL);
  private ManifestStack stack;

  // Above the 5-minute default: Keycloak's first start (schema, realm import) alone can take
  // 2-3 minutes on a busy 2-core machine, after PostgreSQL and four JVMs.
  @BeforeAll
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void start(@TempDir Path secrets) {
    stack = new ManifestStack(manifests, secrets);
    stack.start();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void every_probe_of_every_replica_passes_on_the_real_images() {
    for (Workload workload : manifests.workloads()) {
      Container spec = workload.container();
      assertThat(stack.replicasOf(workload.name())).hasSize(workload.replicas());
      for (GenericContainer<?> replica : stack.replicasOf(workload.name())) {
        for (Probe probe : Stream.of(spec.getStartupProbe(), spec.getReadinessProbe(), spec.getLivenessProbe())
            .filter(Objects::nonNull).toList()) {
          Kubelet.ProbeResult result = Kubelet.probe(replica, spec, probe);
          assertThat(result.passed()).as("%s: %s", workload.name(), result.detail()).isTrue();
        }
      }
    }
  }

  @Test
  void every_image_that_names_a_user_names_the_one_its_pod_runs_as() {
    // The stack runs each container as the pod's runAsUser, so only the image can disagree: its
    // files belong to the user it names. PostgreSQL's names none (its entrypoint takes any uid
    // that owns PGDATA); HardeningTest checks its uid against the offline stand-in's.
    for (Workload workload : manifests.workloads()) {
      GenericContainer<?> replica = stack.replicasOf(workload.name()).get(0);
      String imageUser = DockerClientFactory.instance().client()
          .inspectImageCmd(replica.getDockerImageName()).exec().getConfig().getUser();
      if (imageUser != null && !imageUser.isEmpty()) {
        assertThat(imageUser.split(":")[0])
            .as("%s: the user image %s names", workload.name(), replica.getDockerImageName())
            .isEqualTo(String.valueOf(workload.pod().getSecurityContext().getRunAsUser()));
      }
    }
  }

  @Test
  void the_gateway_serves_the_books_api_from_postgres_and_the_web_app() throws Exception {
    HttpResponse<String> books = get(gateway("/books"));
    HttpResponse<String> page = get(gateway("/"));

    assertThat(books.statusCode()).isEqualTo(200);
    assertThat(books.body()).contains(SEEDED_ISBN);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
  }

  @Test
  void a_write_with_the_key_from_the_secret_is_stored_once_for_both_service_replicas() throws Exception {
    String key = apiKeyFromSecret();
    String isbn = "9780306406157";
    HttpResponse<String> created = http.send(
        HttpRequest.newBuilder(gateway("/books"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"isbn\":\"" + isbn + "\",\"title\":\"Manifests\",\"author\":\"Kube Let\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    for (GenericContainer<?> replica : stack.replicasOf(Apps.BOOKS_SERVICE)) {
      URI direct = URI.create("http://" + replica.getHost() + ":" + replica.getMappedPort(5000) + "/books/" + isbn);
      assertThat(get(direct).statusCode()).as("GET %s on replica %s", isbn, replica.getContainerName()).isEqualTo(200);
    }
  }

  @Test
  void a_write_without_a_key_is_refused_by_the_gateway() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(gateway("/books"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void the_services_probe_paths_are_not_reachable_through_the_gateway() throws Exception {
    for (String path : List.of("/health/ready", "/health/live", "/metrics")) {
      assertThat(get(gateway(path)).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(get(gateway("/healthz")).statusCode()).isEqualTo(200);
  }

  @Test
  void the_backup_cronjob_writes_a_logical_backup_and_the_restore_job_refuses_then_restores_it() {
    Workload backup = cronJobPod("postgres-backup");
    Workload restore = cronJobPod("postgres-restore");

    ManifestStack.Completion written = stack.runToCompletion(backup, Map.of());
    ManifestStack.Completion refused = stack.runToCompletion(restore, Map.of());
    ManifestStack.Completion restored = stack.runToCompletion(restore, Map.of("BACKUP_RESTORE_REPLACE", "true"));

    assertThat(written.exitCode()).as(written.logs()).isZero();
    assertThat(written.logs()).containsPattern("backup: books-\\d{8}T\\d{6}Z in /backups, \\d+ books, schema version [0-9.]+");
    assertThat(refused.exitCode()).as(refused.logs()).isEqualTo(1);
    assertThat(refused.logs()).contains("--replace").contains("nothing was changed");
    assertThat(restored.exitCode()).as(restored.logs()).isZero();
    assertThat(restored.logs()).containsPattern("restore: books-\\d{8}T\\d{6}Z restored, \\d+ books");
  }

  private Workload cronJobPod(String name) {
    return manifests.cronJobs().stream().filter(c -> c.getMetadata().getName().equals(name))
        .map(Workload::of).findFirst().orElseThrow(() -> new AssertionError("no CronJob " + name));
  }

  private String apiKeyFromSecret() {
    String secret = manifests.workload(Apps.GATEWAY).pod().getVolumes().stream()
        .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret().getSecretName();
    return manifests.secretValue(secret, "api-keys.map").orElseThrow().lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .findFirst().orElseThrow()
        .split("\\s+")[0];
  }

  private URI gateway(String path) {
    GenericContainer<?> gateway = stack.replicasOf(Apps.GATEWAY).get(0);
    return URI.create("http://" + gateway.getHost() + ":" + gateway.getMappedPort(8080) + path);
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
