package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.service.Setting;
import org.bookshelf.testsupport.Command;
import org.bookshelf.testsupport.CommandResult;
import org.bookshelf.testsupport.RequiresKubectl;
import org.bookshelf.web.WebConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every variable a manifest sets is one the app reads, with a value the app accepts. */
@RequiresKubectl
class EnvironmentTest {

  @Test
  void the_variables_read_are_the_ones_each_app_declares() {
    // Guards the look-up itself: a workload must resolve to its own app's declaration.
    RenderedManifests manifests = RenderedManifests.render(Overlays.LOCAL);
    assertThat(AppEnvironment.readBy(manifests.workload(Apps.BOOKS_SERVICE)))
        .containsExactlyInAnyOrderElementsOf(ServiceConfig.SETTINGS.stream().map(Setting::name).toList())
        .contains("DB_URL", "SHUTDOWN_TIMEOUT_SECONDS")
        .doesNotContain("BOOKS_SERVICE_UPSTREAM");
    assertThat(AppEnvironment.readBy(manifests.workload(Apps.BOOKS_WEB)))
        .containsExactlyInAnyOrderElementsOf(WebConfig.SETTINGS.stream().map(Setting::name).toList())
        .doesNotContain("DB_URL");
    assertThat(AppEnvironment.readBy(manifests.workload(Apps.GATEWAY)))
        .contains("BOOKS_SERVICE_UPSTREAM", "BOOKS_WEB_UPSTREAM", "GATEWAY_WORKER_PROCESSES");
    assertThat(AppEnvironment.readBy(manifests.workload(Apps.POSTGRES)))
        .contains("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "PGDATA");
    assertThat(AppEnvironment.readBy(manifests.workload(Apps.IDENTITY)))
        .contains("KC_HOSTNAME", "KC_PROXY_HEADERS", "BOOKSHELF_PUBLIC_URL")
        .doesNotContain("KC_HOSTNAM", "DB_URL");
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_variable_a_manifest_sets_is_read_by_its_app(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);

    for (Workload workload : manifests.workloads()) {
      assertThat(manifests.environmentNames(workload.container()))
          .as("%s: variables set on %s that its app never reads", overlay, workload.name())
          .isSubsetOf(AppEnvironment.readBy(workload));
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void the_java_services_accept_their_values_and_listen_on_the_declared_port(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    Workload service = manifests.workload(Apps.BOOKS_SERVICE);
    Workload web = manifests.workload(Apps.BOOKS_WEB);

    ServiceConfig serviceConfig = ServiceConfig.from(manifests.lenientEnvironment(service.container()));
    WebConfig webConfig = WebConfig.from(manifests.lenientEnvironment(web.container()));

    assertThat(serviceConfig.dbUrl()).startsWith("jdbc:postgresql://");
    assertThat(serviceConfig.port()).isEqualTo(service.container().getPorts().get(0).getContainerPort());
    assertThat(webConfig.port()).isEqualTo(web.container().getPorts().get(0).getContainerPort());
  }

  @Test
  void books_service_gets_the_same_credentials_postgres_is_created_with() {
    RenderedManifests manifests = RenderedManifests.render(Overlays.LOCAL);
    Map<String, String> service = manifests.environment(manifests.workload(Apps.BOOKS_SERVICE).container());
    Map<String, String> postgres = manifests.environment(manifests.workload(Apps.POSTGRES).container());

    assertThat(service.get("DB_USER")).isNotBlank().isEqualTo(postgres.get("POSTGRES_USER"));
    assertThat(service.get("DB_PASSWORD")).isNotBlank().isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    assertThat(service.get("DB_URL")).endsWith("/" + postgres.get("POSTGRES_DB"));
  }

  @Test
  void the_gateway_config_renders_with_the_manifest_environment_and_keys(@TempDir Path dir)
      throws Exception {
    RenderedManifests manifests = RenderedManifests.render(Overlays.LOCAL);
    Workload gateway = manifests.workload(Apps.GATEWAY);
    Path keys = dir.resolve("api-keys.map");
    String secretName = gateway.pod().getVolumes().stream()
        .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret().getSecretName();
    Files.writeString(keys, manifests.secretValue(secretName, "api-keys.map").orElseThrow());

    var environment = new HashMap<String, String>();
    environment.put("PATH", System.getenv("PATH"));
    environment.putAll(manifests.environment(gateway.container()));
    environment.put("GATEWAY_API_KEYS_FILE", keys.toString());
    CommandResult render = Command.of(
            "sh", Repository.path("gateway/render-config.sh").toString(),
            Repository.path("gateway/nginx").toString(), dir.resolve("nginx").toString())
        .withOnlyEnvironment(environment)
        .mergingErrors()
        .within(Duration.ofSeconds(30))
        .run();

    assertThat(render.exitCode()).as("render-config.sh said: %s", render.stdout()).isZero();
    assertThat(Files.readString(dir.resolve("nginx/api_backends.conf")))
        .contains("server books-service:5000", "server books-web:3000");
    assertThat(Files.readString(dir.resolve("nginx/nginx.conf"))).contains("worker_processes 1;");
  }

  @Test
  void the_gateway_keys_file_is_mounted_where_the_gateway_reads_it() {
    RenderedManifests manifests = RenderedManifests.render(Overlays.LOCAL);
    Workload gateway = manifests.workload(Apps.GATEWAY);
    String keysFile = manifests.environment(gateway.container())
        .getOrDefault("GATEWAY_API_KEYS_FILE", AppEnvironment.gatewayDefault("GATEWAY_API_KEYS_FILE"));

    assertThat(gateway.container().getVolumeMounts()).anySatisfy(m -> {
      var volume = gateway.pod().getVolumes().stream().filter(v -> v.getName().equals(m.getName())).findFirst().orElseThrow();
      assertThat(volume.getSecret()).isNotNull();
      assertThat(volume.getSecret().getItems()).anySatisfy(item ->
          assertThat(m.getMountPath() + "/" + item.getPath()).isEqualTo(keysFile));
    });
  }

  @Test
  void a_variable_no_app_reads_would_be_caught() {
    Workload service = RenderedManifests.render(Overlays.LOCAL).workload(Apps.BOOKS_SERVICE);
    assertThatCode(() -> assertThat(java.util.List.of("DB_URL", "DATABASE_URL"))
            .isSubsetOf(AppEnvironment.readBy(service)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("DATABASE_URL");
  }
}
