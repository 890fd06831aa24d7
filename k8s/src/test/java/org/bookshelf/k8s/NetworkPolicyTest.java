package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bookshelf.k8s.policy.Endpoint;
import org.bookshelf.k8s.policy.Flow;
import org.bookshelf.k8s.policy.NetworkPolicyEngine;
import org.bookshelf.testsupport.RequiresKubectl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The rendered NetworkPolicies, evaluated over the rendered pods plus the world around them,
 * allow exactly the flows the design names and nothing else.
 */
@RequiresKubectl
class NetworkPolicyTest {

  private static final String INTERNET = "internet";
  private static final String KUBE_DNS = "kube-system/kube-dns";
  private static final String METADATA = "cloud-metadata";
  private static final String IMPOSTOR = "other-namespace/gateway-lookalike";
  /** CloudNativePG's operator (its default namespace and labels), when a Cluster is rendered. */
  private static final String OPERATOR = "cnpg-system/cloudnative-pg";
  /** The ports of a CloudNativePG instance: PostgreSQL, and the instance manager's status. */
  private static final List<Endpoint.Port> INSTANCE_PORTS =
      List.of(new Endpoint.Port("postgresql", 5432, "TCP"), new Endpoint.Port("status", 8000, "TCP"));

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void the_policies_allow_exactly_the_designed_flows(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    String namespace = manifests.namespace().getMetadata().getName();
    List<Endpoint> endpoints = endpoints(manifests, namespace);
    // Ports nobody declares, to prove they stay closed: nginx's status page, HTTPS, SSH.
    List<Endpoint.Port> probes = List.of(
        new Endpoint.Port(null, 8081, "TCP"), new Endpoint.Port(null, 443, "TCP"),
        new Endpoint.Port(null, 22, "TCP"), new Endpoint.Port(null, 53, "UDP"));

    Set<Flow> allowed = new NetworkPolicyEngine(manifests.networkPolicies(), namespace)
        .allowedFlows(endpoints, probes);

    Set<Flow> expected = new TreeSet<>(java.util.Comparator.comparing(Flow::toString));
    // Outside traffic reaches the gateway's public port, from anywhere, and nothing else.
    for (String outside : List.of(INTERNET, IMPOSTOR, KUBE_DNS, METADATA)) {
      expected.add(new Flow(outside, Apps.GATEWAY, 8080, "TCP"));
    }
    expected.add(new Flow(Apps.GATEWAY, Apps.BOOKS_SERVICE, 5000, "TCP"));
    expected.add(new Flow(Apps.GATEWAY, Apps.BOOKS_WEB, 3000, "TCP"));
    if (Overlays.HAND_MADE_POSTGRES.contains(overlay)) {
      expected.add(new Flow(Apps.BOOKS_SERVICE, Apps.POSTGRES, 5432, "TCP"));
      // The pg_dump CronJob and the restore Job: to PostgreSQL only.
      for (CronJob job : manifests.cronJobs()) {
        expected.add(new Flow(job.getMetadata().getName(), Apps.POSTGRES, 5432, "TCP"));
      }
    }
    for (GenericKubernetesResource cluster : manifests.custom("Cluster")) {
      String db = cluster.getMetadata().getName();
      expected.add(new Flow(Apps.BOOKS_SERVICE, db, 5432, "TCP"));
      // Replication and status among the instances, the operator's checks, and HTTPS out (the
      // bucket, the Kubernetes API) to anything outside the namespace but the metadata address.
      for (String from : List.of(db, OPERATOR)) {
        expected.add(new Flow(from, db, 5432, "TCP"));
        expected.add(new Flow(from, db, 8000, "TCP"));
      }
      expected.add(new Flow(OPERATOR, Apps.GATEWAY, 8080, "TCP"));
      for (String outside : List.of(INTERNET, KUBE_DNS, IMPOSTOR, OPERATOR)) {
        expected.add(new Flow(db, outside, 443, "TCP"));
      }
      expected.add(new Flow(db, KUBE_DNS, 53, "UDP"));
      expected.add(new Flow(db, KUBE_DNS, 53, "TCP"));
    }
    expected.add(new Flow(Apps.GATEWAY, Apps.TOKEN_VERIFIER, 8090, "TCP"));
    // The verifier fetches keys from the local issuer (the identity workload, when deployed) or,
    // in production, from the external issuer over HTTPS on public addresses.
    if (manifests.workloads().stream().anyMatch(w -> w.name().equals("identity"))) {
      expected.add(new Flow(Apps.TOKEN_VERIFIER, "identity", 8080, "TCP"));
    }
    if (overlay.equals(Overlays.PRODUCTION)) {
      expected.add(new Flow(Apps.TOKEN_VERIFIER, INTERNET, 443, "TCP"));
    }
    // Keycloak, where the overlay runs it (not production): from the gateway, on its public port.
    if (manifests.workloads().stream().anyMatch(w -> w.name().equals(Apps.IDENTITY))) {
      expected.add(new Flow(Apps.GATEWAY, Apps.IDENTITY, 8080, "TCP"));
    }
    // Every pod resolves names.
    for (Workload pod : manifests.workloads()) {
      expected.add(new Flow(pod.name(), KUBE_DNS, 53, "UDP"));
      expected.add(new Flow(pod.name(), KUBE_DNS, 53, "TCP"));
    }
    for (CronJob job : manifests.cronJobs()) {
      expected.add(new Flow(job.getMetadata().getName(), KUBE_DNS, 53, "UDP"));
      expected.add(new Flow(job.getMetadata().getName(), KUBE_DNS, 53, "TCP"));
    }
    assertThat(allowed).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_pod_of_the_namespace_is_isolated_both_ways_by_a_default_deny(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);

    assertThat(manifests.networkPolicies()).anySatisfy(policy -> {
      assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
      assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
      assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
      assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
      assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
    });
  }

  private static List<Endpoint> endpoints(RenderedManifests manifests, String namespace) {
    List<Endpoint> endpoints = new ArrayList<>();
    int host = 10;
    for (Workload workload : manifests.workloads()) {
      List<Endpoint.Port> ports = new ArrayList<>();
      for (ContainerPort port : workload.container().getPorts()) {
        ports.add(new Endpoint.Port(port.getName(), port.getContainerPort(), Ports.protocol(port.getProtocol())));
      }
      endpoints.add(Endpoint.pod(workload.name(), namespace, workload.podLabels(), "10.244.1." + host++, ports));
    }
    for (CronJob job : manifests.cronJobs()) {
      Map<String, String> labels = job.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels();
      endpoints.add(Endpoint.pod(job.getMetadata().getName(), namespace, labels, "10.244.1." + host++, List.of()));
    }
    for (GenericKubernetesResource cluster : manifests.custom("Cluster")) {
      // The pods the operator makes for a Cluster carry these labels (CloudNativePG's docs).
      String db = cluster.getMetadata().getName();
      endpoints.add(Endpoint.pod(db, namespace, Map.of("cnpg.io/cluster", db, "cnpg.io/podRole", "instance"),
          "10.244.1." + host++, INSTANCE_PORTS));
      endpoints.add(Endpoint.pod(OPERATOR, "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"),
          "10.244.3.2", List.of(new Endpoint.Port("webhook-server", 9443, "TCP"))));
    }
    List<Endpoint.Port> dns = List.of(new Endpoint.Port("dns", 53, "UDP"), new Endpoint.Port("dns-tcp", 53, "TCP"));
    endpoints.add(Endpoint.pod(KUBE_DNS, "kube-system", Map.of("k8s-app", "kube-dns"), "10.244.0.2", dns));
    // Same labels as the gateway, another namespace: must get no more than any outsider.
    endpoints.add(Endpoint.pod(IMPOSTOR, "other", Map.of("app.kubernetes.io/name", Apps.GATEWAY),
        "10.244.2.7", List.of(new Endpoint.Port("http", 8080, "TCP"))));
    endpoints.add(Endpoint.address(INTERNET, "203.0.113.7", List.of(new Endpoint.Port(null, 443, "TCP"))));
    endpoints.add(Endpoint.address(METADATA, "169.254.169.254", List.of(new Endpoint.Port(null, 80, "TCP"))));
    return endpoints;
  }
}
