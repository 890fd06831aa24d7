package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.testsupport.RequiresKubectl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What a platform team asks of every workload, checked on the rendered overlays. */
@RequiresKubectl
class HardeningTest {

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_container_has_cpu_and_memory_requests_within_limits(String overlay) {
    for (Workload workload : RenderedManifests.render(overlay).pods()) {
      for (Container container : workload.allContainers()) {
        var resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
          Quantity request = resources.getRequests().get(resource);
          Quantity limit = resources.getLimits().get(resource);
          assertThat(request).as("%s %s request of %s", overlay, resource, workload.name()).isNotNull();
          assertThat(limit).as("%s %s limit of %s", overlay, resource, workload.name()).isNotNull();
          assertThat(request.getNumericalAmount()).isLessThanOrEqualTo(limit.getNumericalAmount());
        }
      }
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_pod_runs_as_its_images_non_root_user_with_runtime_default_seccomp(String overlay) {
    for (Workload workload : RenderedManifests.render(overlay).pods()) {
      PodSecurityContext pod = workload.pod().getSecurityContext();
      assertThat(pod).as("%s: pod securityContext of %s", overlay, workload.name()).isNotNull();
      assertThat(pod.getRunAsNonRoot()).isTrue();
      assertThat(pod.getRunAsUser()).as("%s runAsUser", workload.name())
          .isEqualTo(ImageUsers.uidOf(workload));
      assertThat(pod.getRunAsGroup()).isPositive();
      assertThat(pod.getFsGroup()).isPositive();
      assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      assertThat(workload.pod().getAutomountServiceAccountToken()).isFalse();
      assertThat(workload.pod().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
      assertThat(workload.pod().getHostPID()).isNotEqualTo(Boolean.TRUE);
      assertThat(workload.pod().getHostIPC()).isNotEqualTo(Boolean.TRUE);
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_container_is_read_only_unprivileged_and_drops_all_capabilities(String overlay) {
    for (Workload workload : RenderedManifests.render(overlay).pods()) {
      for (Container container : workload.allContainers()) {
        SecurityContext security = container.getSecurityContext();
        assertThat(security).as("%s: securityContext of %s", overlay, container.getName()).isNotNull();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getRunAsUser()).as("no per-container override of the pod's user").isNull();
      }
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_writable_mount_is_an_empty_dir_or_a_claim_and_secrets_are_read_only(String overlay) {
    for (Workload workload : RenderedManifests.render(overlay).pods()) {
      Map<String, Volume> volumes = new java.util.HashMap<>();
      if (workload.pod().getVolumes() != null) {
        workload.pod().getVolumes().forEach(v -> volumes.put(v.getName(), v));
      }
      List<String> claims = workload.volumeClaims().stream().map(c -> c.getMetadata().getName()).toList();
      for (Container container : workload.allContainers()) {
        for (VolumeMount mount : container.getVolumeMounts()) {
          Volume volume = volumes.get(mount.getName());
          if (claims.contains(mount.getName())) {
            continue;
          }
          assertThat(volume).as("%s: volume %s of %s", overlay, mount.getName(), workload.name()).isNotNull();
          if (volume.getPersistentVolumeClaim() != null) {
            continue; // a claim made outside the pod (the backups' claim)
          }
          if (volume.getEmptyDir() != null) {
            assertThat(volume.getEmptyDir().getSizeLimit()).as("sizeLimit of " + mount.getName()).isNotNull();
          } else {
            assertThat(volume.getSecret()).as("%s: %s is emptyDir, claim or secret", overlay, mount.getName()).isNotNull();
            assertThat(mount.getReadOnly()).isTrue();
          }
        }
      }
      // Java and nginx write temp files; with a read-only root they need a writable /tmp.
      assertThat(workload.container().getVolumeMounts())
          .as("%s: %s mounts a writable /tmp", overlay, workload.name())
          .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_container_has_startup_readiness_and_liveness_probes_on_declared_ports(String overlay) {
    for (Workload workload : RenderedManifests.render(overlay).workloads()) {
      Container container = workload.container();
      for (Probe probe : List.of(
          container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
        assertThat(probe).as("%s: probes of %s", overlay, workload.name()).isNotNull();
        IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
            : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
        if (port != null) {
          assertThat(Ports.resolve(port, container)).as("probe port %s of %s", port, workload.name()).isPresent();
        } else {
          assertThat(probe.getExec()).as("probe of %s: httpGet, tcpSocket or exec", workload.name()).isNotNull();
        }
      }
      // The startup probe gives a slow JVM time; liveness must not kill it before.
      Probe startup = container.getStartupProbe();
      assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isGreaterThanOrEqualTo(30);
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void deployments_roll_without_losing_capacity(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    for (Deployment deployment : manifests.all(Deployment.class)) {
      var strategy = deployment.getSpec().getStrategy();
      assertThat(strategy.getType()).isEqualTo("RollingUpdate");
      assertThat(strategy.getRollingUpdate().getMaxUnavailable()).isIn(new IntOrString(0), new IntOrString("0%"));
    }
    for (StatefulSet set : manifests.all(StatefulSet.class)) {
      assertThat(set.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void a_stopping_pod_keeps_serving_until_traffic_moves_then_drains_within_the_grace_period(
      String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    for (Workload workload : manifests.deployments()) {
      Container container = workload.container();
      Map<String, String> env = manifests.lenientEnvironment(container);
      var preStop = container.getLifecycle().getPreStop();
      assertThat(preStop.getSleep()).as("%s: preStop sleep of %s", overlay, workload.name()).isNotNull();
      long pause = preStop.getSleep().getSeconds();
      // Endpoints, kube-proxy and load balancers take a few seconds to stop sending.
      assertThat(pause).isGreaterThanOrEqualTo(5);
      long drain = AppEnvironment.drainSeconds(workload, env);
      assertThat(workload.pod().getTerminationGracePeriodSeconds())
          .as("%s: grace of %s > preStop %d s + drain %d s", overlay, workload.name(), pause, drain)
          .isGreaterThan(pause + drain);
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_multi_replica_deployment_has_a_disruption_budget_that_still_lets_nodes_drain(
      String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    for (Workload workload : manifests.deployments()) {
      List<PodDisruptionBudget> budgets = manifests.disruptionBudgets().stream()
          .filter(b -> Labels.matches(b.getSpec().getSelector(), workload.podLabels()))
          .toList();
      assertThat(budgets).as("%s: PDBs of %s", overlay, workload.name()).hasSize(1);
      var spec = budgets.get(0).getSpec();
      assertThat(spec.getMinAvailable()).isNull();
      assertThat(spec.getMaxUnavailable().getIntVal()).isBetween(1, Math.max(1, workload.replicas() - 1));
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void books_service_scales_on_cpu_within_the_database_connections(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    Workload service = manifests.workload(Apps.BOOKS_SERVICE);
    HorizontalPodAutoscaler hpa = manifests.autoscalerOf(Apps.BOOKS_SERVICE)
        .orElseThrow(() -> new AssertionError(overlay + ": no HPA for books-service"));

    // Two replicas at least: one can restart or drain while the other serves.
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
    assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
    int pool = ServiceConfig.from(manifests.lenientEnvironment(service.container())).dbPoolSize();
    // PostgreSQL's default max_connections is 100; keep room for admin sessions.
    assertThat(hpa.getSpec().getMaxReplicas() * pool).isLessThanOrEqualTo(90);
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void a_deployment_an_autoscaler_scales_leaves_the_replica_count_to_it(String overlay) {
    // With spec.replicas set, every kubectl apply would reset what the HPA scaled to.
    RenderedManifests manifests = RenderedManifests.render(overlay);
    for (HorizontalPodAutoscaler hpa : manifests.autoscalers()) {
      var target = hpa.getSpec().getScaleTargetRef();
      assertThat(target.getKind()).isEqualTo("Deployment");
      Deployment deployment = manifests.all(Deployment.class).stream()
          .filter(d -> d.getMetadata().getName().equals(target.getName()))
          .findFirst()
          .orElseThrow(() -> new AssertionError(overlay + ": HPA " + target.getName() + " scales no Deployment"));
      assertThat(deployment.getSpec().getReplicas()).as("%s: replicas of %s", overlay, target.getName()).isNull();
      assertThat(manifests.workload(target.getName()).replicas()).isEqualTo(hpa.getSpec().getMinReplicas());
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_deployment_spreads_its_pods_over_nodes_and_zones(String overlay) {
    for (Workload workload : RenderedManifests.render(overlay).deployments()) {
      var constraints = workload.pod().getTopologySpreadConstraints();
      assertThat(constraints).extracting(c -> c.getTopologyKey())
          .containsExactlyInAnyOrder("kubernetes.io/hostname", "topology.kubernetes.io/zone");
      assertThat(constraints).allSatisfy(c -> {
        assertThat(Labels.matches(c.getLabelSelector(), workload.podLabels())).isTrue();
        assertThat(c.getMaxSkew()).isEqualTo(1);
      });
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void the_namespace_enforces_the_restricted_pod_security_standard(String overlay) {
    assertThat(RenderedManifests.render(overlay).namespace().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
  }
}
