package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bookshelf.testsupport.RequiresKubectl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The objects fit together: selectors, ports, names the apps dial, images. */
@RequiresKubectl
class WiringTest {

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_workload_selector_matches_its_own_pods_and_no_one_elses(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);

    for (Workload workload : manifests.workloads()) {
      for (Workload other : manifests.workloads()) {
        assertThat(Labels.matches(workload.selector(), other.podLabels()))
            .as("%s: selector of %s on the pods of %s", overlay, workload.name(), other.name())
            .isEqualTo(workload.name().equals(other.name()));
      }
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_service_selects_exactly_one_workload_and_targets_a_declared_container_port(
      String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);

    for (Service service : manifests.services()) {
      Workload target = selectedWorkload(manifests, service);
      for (ServicePort port : service.getSpec().getPorts()) {
        Optional<ContainerPort> containerPort =
            Ports.resolve(port.getTargetPort(), target.pod().getContainers());
        assertThat(containerPort)
            .as("%s: Service %s port %s targetPort %s in %s", overlay, name(service),
                port.getPort(), port.getTargetPort(), target.name())
            .isPresent();
        assertThat(Ports.protocol(containerPort.get().getProtocol()))
            .isEqualTo(Ports.protocol(port.getProtocol()));
      }
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void only_the_gateway_service_is_reachable_from_outside_on_port_80(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);

    for (Service service : manifests.services()) {
      String type = Optional.ofNullable(service.getSpec().getType()).orElse("ClusterIP");
      if (name(service).equals(Apps.GATEWAY)) {
        assertThat(type).isEqualTo("LoadBalancer");
        ServicePort port = service.getSpec().getPorts().get(0);
        assertThat(service.getSpec().getPorts()).hasSize(1);
        assertThat(port.getPort()).isEqualTo(80);
        assertThat(Ports.resolve(port.getTargetPort(), selectedWorkload(manifests, service).container()))
            .get().extracting(ContainerPort::getContainerPort).isEqualTo(8080);
      } else {
        assertThat(type).as("%s: type of Service %s", overlay, name(service)).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts())
            .allSatisfy(p -> assertThat(p.getNodePort()).isNull());
        assertThat(service.getSpec().getExternalIPs()).isNullOrEmpty();
      }
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void the_addresses_the_apps_dial_are_services_of_the_right_workload(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    Map<String, String> gateway = manifests.lenientEnvironment(manifests.workload(Apps.GATEWAY).container());
    Map<String, String> service =
        manifests.lenientEnvironment(manifests.workload(Apps.BOOKS_SERVICE).container());

    for (String upstream : gateway.get("BOOKS_SERVICE_UPSTREAM").split("[ ,]+")) {
      assertDials(manifests, upstream, Apps.BOOKS_SERVICE);
    }
    for (String upstream : gateway.get("BOOKS_WEB_UPSTREAM").split("[ ,]+")) {
      assertDials(manifests, upstream, Apps.BOOKS_WEB);
    }
    URI database = URI.create(service.get("DB_URL").substring("jdbc:".length()));
    assertThat(database.getScheme()).isEqualTo("postgresql");
    if (Overlays.CLOUDNATIVE_PG.contains(overlay)) {
      // The operator makes <cluster>-rw, the Service that always points at the primary.
      assertThat(database.getHost()).isEqualTo(manifests.custom("Cluster").get(0).getMetadata().getName() + "-rw");
      assertThat(database.getPort()).isEqualTo(5432);
    } else {
      assertDials(manifests, database.getHost() + ":" + database.getPort(), Apps.POSTGRES);
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#HAND_MADE_POSTGRES")
  void postgres_has_a_headless_governing_service_and_a_volume_claim_for_its_data(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    Workload postgres = manifests.workload(Apps.POSTGRES);
    var set = manifests.all(io.fabric8.kubernetes.api.model.apps.StatefulSet.class).get(0);

    Service governing = service(manifests, set.getSpec().getServiceName());
    assertThat(governing.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(selectedWorkload(manifests, governing).name()).isEqualTo(Apps.POSTGRES);
    assertThat(postgres.volumeClaims()).extracting(c -> c.getMetadata().getName()).containsExactly("data");
    assertThat(postgres.container().getVolumeMounts())
        .anySatisfy(m -> {
          assertThat(m.getName()).isEqualTo("data");
          assertThat(manifests.lenientEnvironment(postgres.container()).get("PGDATA"))
              .startsWith(m.getMountPath() + "/");
        });
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void images_are_the_ones_the_build_produces(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    Set<String> built = new TreeSet<>(JavaApps.byImage().keySet());
    built.add(AppEnvironment.GATEWAY_IMAGE);
    built.add(AppEnvironment.IDENTITY_IMAGE);
    // Production signs in with an external issuer: it runs no Keycloak (docs/identity.md).
    Set<String> deployed = new TreeSet<>(built);
    if (overlay.equals(Overlays.PRODUCTION)) {
      deployed.remove(AppEnvironment.IDENTITY_IMAGE);
    }

    // Every image the build makes is deployed, and every workload runs one of them or PostgreSQL.
    assertThat(manifests.workloads()).extracting(Workload::imageName)
        .containsAll(deployed)
        .allSatisfy(image -> assertThat(built.contains(image) || image.equals(AppEnvironment.POSTGRES_IMAGE))
            .as("%s: %s is built here or is PostgreSQL", overlay, image).isTrue());
    for (Workload workload : manifests.workloads()) {
      String actual = workload.container().getImage();
      if (workload.imageName().equals(AppEnvironment.POSTGRES_IMAGE)) {
        if (overlay.equals(Overlays.LOCAL)) {
          assertThat(actual).isEqualTo(Apps.POSTGRES_IMAGE);
        } else {
          assertThat(actual).endsWith("/postgres:16");
        }
      } else if (overlay.equals(Overlays.LOCAL)) {
        // Exactly what ./mvnw package tags in the local Docker daemon by default.
        assertThat(actual).isEqualTo(workload.imageName() + ":" + System.getProperty("bookshelf.project.version"));
      } else {
        assertThat(actual).as("%s image", workload.name())
            .matches("[a-z0-9.-]+(:[0-9]+)?/([a-z0-9._-]+/)*" + workload.imageName() + ":[A-Za-z0-9._-]+")
            .doesNotEndWith(":latest");
      }
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_object_carries_the_recommended_labels(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);

    for (HasMetadata object : manifests.all()) {
      assertThat(object.getMetadata().getLabels())
          .as("%s: labels of %s %s", overlay, object.getKind(), object.getMetadata().getName())
          .containsEntry("app.kubernetes.io/part-of", "bookshelf")
          .containsEntry("app.kubernetes.io/managed-by", "kustomize")
          .containsKeys("app.kubernetes.io/instance", "app.kubernetes.io/version");
    }
    for (Workload workload : manifests.workloads()) {
      assertThat(workload.podLabels())
          .as("%s: pod labels of %s", overlay, workload.name())
          .containsEntry("app.kubernetes.io/name", workload.name())
          .containsKeys("app.kubernetes.io/component", "app.kubernetes.io/part-of",
              "app.kubernetes.io/instance", "app.kubernetes.io/version");
    }
  }

  private static void assertDials(RenderedManifests manifests, String hostPort, String workload) {
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    Service service = service(manifests, host);
    assertThat(service.getSpec().getPorts())
        .as("%s: Service %s has port %d", manifests.overlay(), host, port)
        .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(port));
    assertThat(selectedWorkload(manifests, service).name()).isEqualTo(workload);
  }

  private static Service service(RenderedManifests manifests, String name) {
    return manifests.services().stream()
        .filter(s -> name(s).equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(manifests.overlay() + ": no Service named " + name));
  }

  private static Workload selectedWorkload(RenderedManifests manifests, Service service) {
    List<Workload> selected = manifests.workloads().stream()
        .filter(w -> Labels.matches(service.getSpec().getSelector(), w.podLabels()))
        .toList();
    assertThat(selected)
        .as("%s: workloads selected by Service %s", manifests.overlay(), name(service))
        .hasSize(1);
    return selected.get(0);
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void the_gateway_proxies_auth_to_keycloak_where_the_overlay_runs_it_and_nowhere_else(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    String upstream = manifests.environment(manifests.workload(Apps.GATEWAY).container()).getOrDefault("IDENTITY_UPSTREAM", "");
    boolean runsKeycloak = manifests.workloads().stream().anyMatch(w -> w.name().equals(Apps.IDENTITY));

    assertThat(runsKeycloak).as("%s runs Keycloak", overlay).isEqualTo(overlay.equals(Overlays.LOCAL));
    if (!runsKeycloak) {
      assertThat(upstream).as("%s: IDENTITY_UPSTREAM without Keycloak", overlay).isEmpty();
      assertThat(manifests.services()).noneMatch(s -> s.getMetadata().getName().equals(Apps.IDENTITY));
      return;
    }
    Workload identity = manifests.workload(Apps.IDENTITY);
    Service service = service(manifests, Apps.IDENTITY);
    assertThat(selectedWorkload(manifests, service).name()).isEqualTo(Apps.IDENTITY);
    assertThat(upstream).isEqualTo(Apps.IDENTITY + ":" + service.getSpec().getPorts().get(0).getPort());
    Map<String, String> env = manifests.lenientEnvironment(identity.container());
    assertThat(env.get("KC_HOSTNAME")).isEqualTo(env.get("BOOKSHELF_PUBLIC_URL") + "/auth");
  }
}
