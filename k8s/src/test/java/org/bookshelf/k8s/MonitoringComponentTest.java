package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bookshelf.k8s.policy.Endpoint;
import org.bookshelf.k8s.policy.Flow;
import org.bookshelf.k8s.policy.NetworkPolicyEngine;
import org.bookshelf.testsupport.RequiresKubectl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s/components/monitoring on top of the local overlay (src/test/resources/monitoring-overlay):
 * the Prometheus Operator resources valid against the vendored CRDs, everything else strictly
 * parsed like the overlays, a ServiceMonitor for every Java app the overlay runs (each serves
 * /metrics: the apps on this module's classpath, {@link JavaApps}), monitors that select what
 * exists, the gateway's sidecars sharing the socket, NetworkPolicies that let Prometheus reach
 * exactly the ports the monitors scrape, and a PrometheusRule that holds exactly the rule files
 * of observability/prometheus/rules (generated: run this test with
 * -Dbookshelf.k8s.writePrometheusRule=true to rewrite it after changing a rule).
 */
@RequiresKubectl
class MonitoringComponentTest {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));
  private static final Path COMPONENT = Repository.path("k8s/components/monitoring");
  private static final Path RULE_FILE = COMPONENT.resolve("prometheus-rule.yaml");
  private static final Path RULES = Repository.path("observability/prometheus/rules");
  private static final String HEADER = """
      # GENERATED from observability/prometheus/rules/*.yml by MonitoringComponentTest; do not edit.
      # Change a rule there, then: ./mvnw -pl k8s test -Dtest=MonitoringComponentTest -Dbookshelf.k8s.writePrometheusRule=true
      """;

  /** Where the component expects Prometheus (network-policies.yaml), and one it must refuse. */
  private static final String PROMETHEUS = "monitoring/prometheus";
  private static final String OUTSIDER = "other/prometheus";

  private static final CrdSchemas CRDS =
      new CrdSchemas(Path.of("src/test/resources/crds/prometheus-operator").toAbsolutePath());
  private static List<JsonNode> customResources;
  private static RenderedManifests manifests;

  @BeforeAll
  static void render() throws IOException {
    if (Boolean.getBoolean("bookshelf.k8s.writePrometheusRule")) {
      Files.writeString(RULE_FILE, HEADER + YAML.writeValueAsString(expectedPrometheusRule()));
    }
    String yaml = Kustomize.render(Path.of("src/test/resources/monitoring-overlay").toAbsolutePath());
    customResources = new ArrayList<>();
    StringBuilder core = new StringBuilder();
    for (String document : yaml.split("(?m)^---$")) {
      JsonNode node = YAML.readTree(document);
      if (node == null || node.isEmpty()) {
        continue;
      }
      if (node.path("apiVersion").asText().startsWith("monitoring.coreos.com/")) {
        customResources.add(node);
      } else {
        core.append("---\n").append(document.strip()).append('\n');
      }
    }
    manifests = new RenderedManifests("local + monitoring", new StrictKubernetesModel().parse(core.toString()));
  }

  @Test
  void operator_resources_are_valid_against_the_vendored_crds() {
    assertThat(customResources).isNotEmpty();
    for (JsonNode resource : customResources) {
      assertThat(CRDS.errors(resource)).as("%s %s", resource.path("kind").asText(), resource.at("/metadata/name").asText()).isEmpty();
      assertThat(resource.at("/metadata/namespace").asText()).isEqualTo("bookshelf");
    }
  }

  @Test
  void every_java_app_has_a_service_monitor_and_the_gateway_a_pod_monitor() {
    List<String> expected = new ArrayList<>();
    for (Workload workload : manifests.workloads()) {
      if (workload.pod().getContainers().stream().anyMatch(c -> JavaApps.byImage().containsKey(imageName(c)))) {
        expected.add("ServiceMonitor/" + workload.name());
      }
    }
    assertThat(expected).as("Java apps the overlay runs").isNotEmpty();
    expected.addAll(List.of("PodMonitor/" + Apps.GATEWAY, "PrometheusRule/bookshelf"));
    assertThat(customResources).extracting(r -> r.path("kind").asText() + "/" + r.at("/metadata/name").asText())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void a_misspelt_field_fails_the_crd_validation() {
    ObjectNode broken = customResources.stream().filter(r -> r.path("kind").asText().equals("ServiceMonitor"))
        .findFirst().orElseThrow().deepCopy();
    ((ObjectNode) broken.at("/spec/endpoints/0")).put("intervall", "30s");
    assertThat(CRDS.errors(broken)).isNotEmpty().anyMatch(e -> e.contains("intervall"));
    ObjectNode wrongType = customResources.stream().filter(r -> r.path("kind").asText().equals("PrometheusRule"))
        .findFirst().orElseThrow().deepCopy();
    ((ObjectNode) wrongType.at("/spec")).put("groups", "not a list");
    assertThat(CRDS.errors(wrongType)).isNotEmpty();
  }

  @Test
  void the_prometheus_rule_holds_exactly_the_rule_files() throws IOException {
    JsonNode committed = YAML.readTree(RULE_FILE.toFile());
    assertThat(committed)
        .as("%s is stale: regenerate it (see its header)", RULE_FILE)
        .isEqualTo(expectedPrometheusRule());
    assertThat(Files.readString(RULE_FILE)).startsWith(HEADER);
  }

  @Test
  void service_monitors_select_existing_services_by_a_named_port() {
    for (JsonNode monitor : customResources) {
      if (!monitor.path("kind").asText().equals("ServiceMonitor")) {
        continue;
      }
      String name = monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText();
      Service service = manifests.services().stream()
          .filter(s -> name.equals(s.getSpec().getSelector().get("app.kubernetes.io/name")))
          .filter(s -> name.equals(s.getMetadata().getLabels().get("app.kubernetes.io/name")))
          .findFirst().orElseThrow(() -> new AssertionError("no Service labelled " + name));
      assertThat(service.getSpec().getPorts()).extracting(p -> p.getName())
          .contains(monitor.at("/spec/endpoints/0/port").asText());
    }
  }

  @Test
  void the_gateway_pod_runs_both_sidecars_and_shares_the_metrics_log() {
    Deployment gateway = manifests.all(Deployment.class).stream()
        .filter(d -> d.getMetadata().getName().equals(Apps.GATEWAY)).findFirst().orElseThrow();
    List<Container> containers = gateway.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).extracting(Container::getName).containsExactly("gateway", "gateway-metrics", "nginx-exporter");
    String log = env(containers.get(0), "GATEWAY_METRICS_LOG");
    assertThat(log).isNotBlank().isEqualTo(env(containers.get(1), "GATEWAY_METRICS_LOG"));
    for (Container container : containers.subList(0, 2)) {
      assertThat(container.getVolumeMounts()).anyMatch(m -> m.getName().equals("metrics-log")
          && log.startsWith(m.getMountPath() + "/"));
    }
    JsonNode podMonitor = customResources.stream().filter(r -> r.path("kind").asText().equals("PodMonitor")).findFirst().orElseThrow();
    List<String> ports = containers.stream().flatMap(c -> c.getPorts().stream()).map(p -> p.getName()).toList();
    podMonitor.at("/spec/podMetricsEndpoints").forEach(endpoint -> assertThat(ports).contains(endpoint.path("port").asText()));
    assertThat(containers.get(2).getArgs()).anyMatch(arg -> arg.contains("127.0.0.1:8081/nginx_status"));
  }

  @Test
  void prometheus_in_the_monitoring_namespace_reaches_exactly_the_scraped_ports_others_none() {
    String namespace = manifests.namespace().getMetadata().getName();
    List<Endpoint> endpoints = new ArrayList<>();
    int host = 10;
    for (Workload workload : manifests.workloads()) {
      List<Endpoint.Port> ports = containerPorts(workload).stream()
          .map(p -> new Endpoint.Port(p.getName(), p.getContainerPort(), Ports.protocol(p.getProtocol()))).toList();
      endpoints.add(Endpoint.pod(workload.name(), namespace, workload.podLabels(), "10.244.1." + host++, ports));
    }
    endpoints.add(Endpoint.pod(PROMETHEUS, "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), "10.244.9.2", List.of()));
    endpoints.add(Endpoint.pod(OUTSIDER, "other", Map.of("app.kubernetes.io/name", "prometheus"), "10.244.9.3", List.of()));
    // Ports no container declares, to prove they stay closed: nginx's status page among them.
    List<Endpoint.Port> undeclared = List.of(new Endpoint.Port(null, 8081, "TCP"), new Endpoint.Port(null, 22, "TCP"));

    Set<Flow> allowed = new NetworkPolicyEngine(manifests.networkPolicies(), namespace).allowedFlows(endpoints, undeclared);

    // What any pod elsewhere may reach (the gateway's public port) is not the component's doing.
    Set<String> open = targets(allowed, OUTSIDER);
    Set<String> scraped = targets(scrapedFlows(), PROMETHEUS);
    assertThat(open).as("reachable from outside the monitoring namespace").doesNotContainAnyElementsOf(scraped);
    Set<String> granted = targets(allowed, PROMETHEUS);
    granted.removeAll(open);
    assertThat(granted).as("reachable from Prometheus only").containsExactlyInAnyOrderElementsOf(scraped);
  }

  private static Set<String> targets(Set<Flow> flows, String from) {
    return flows.stream().filter(f -> f.from().equals(from)).map(f -> f.to() + ":" + f.port() + "/" + f.protocol())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every port a monitor scrapes, as the flow from Prometheus to each pod that listens on it. */
  private static Set<Flow> scrapedFlows() {
    Set<Flow> flows = new TreeSet<>(Comparator.comparing(Flow::toString));
    for (JsonNode monitor : customResources) {
      Map<String, String> selector = labels(monitor.at("/spec/selector/matchLabels"));
      switch (monitor.path("kind").asText()) {
        case "ServiceMonitor" -> {
          for (Service service : manifests.services()) {
            if (!service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())) {
              continue;
            }
            for (JsonNode endpoint : monitor.at("/spec/endpoints")) {
              IntOrString target = service.getSpec().getPorts().stream()
                  .filter(p -> endpoint.path("port").asText().equals(p.getName())).map(ServicePort::getTargetPort)
                  .findFirst().orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " has no port " + endpoint.path("port")));
              addFlows(flows, service.getSpec().getSelector(), target);
            }
          }
        }
        case "PodMonitor" -> monitor.at("/spec/podMetricsEndpoints")
            .forEach(endpoint -> addFlows(flows, selector, new IntOrString(endpoint.path("port").asText())));
        default -> { }
      }
    }
    return flows;
  }

  private static void addFlows(Set<Flow> flows, Map<String, String> podSelector, IntOrString port) {
    List<Workload> selected = manifests.workloads().stream()
        .filter(w -> w.podLabels().entrySet().containsAll(podSelector.entrySet())).toList();
    assertThat(selected).as("pods selected by %s", podSelector).isNotEmpty();
    for (Workload workload : selected) {
      var declared = Ports.resolve(port, workload.pod().getContainers())
          .orElseThrow(() -> new AssertionError(workload.name() + " declares no port " + port));
      flows.add(new Flow(PROMETHEUS, workload.name(), declared.getContainerPort(), Ports.protocol(declared.getProtocol())));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> labels(JsonNode node) {
    return YAML.convertValue(node, Map.class);
  }

  private static List<ContainerPort> containerPorts(Workload workload) {
    return workload.pod().getContainers().stream()
        .flatMap(c -> c.getPorts() == null ? Stream.empty() : c.getPorts().stream()).toList();
  }

  /** As {@link Workload#imageName()}, for any container of the pod (the gateway has sidecars). */
  private static String imageName(Container container) {
    String image = container.getImage().replaceFirst("@.*$", "").replaceFirst(":[^:/]+$", "");
    return image.substring(image.lastIndexOf('/') + 1);
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(e -> e.getValue()).findFirst().orElse("");
  }

  /** The PrometheusRule the rule files make: their groups, in file order, unchanged. */
  private static JsonNode expectedPrometheusRule() throws IOException {
    ObjectNode rule = YAML.createObjectNode();
    rule.put("apiVersion", "monitoring.coreos.com/v1");
    rule.put("kind", "PrometheusRule");
    rule.putObject("metadata").put("name", "bookshelf");
    ArrayNode groups = rule.putObject("spec").putArray("groups");
    try (Stream<Path> files = Files.list(RULES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().collect(Collectors.toList())) {
        YAML.readTree(file.toFile()).path("groups").forEach(groups::add);
      }
    }
    return rule;
  }
}
