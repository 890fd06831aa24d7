package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bookshelf.testsupport.RequiresKubectl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s/components/monitoring on top of the local overlay (src/test/resources/monitoring-overlay):
 * the Prometheus Operator resources valid against the vendored CRDs, everything else strictly
 * parsed like the overlays, monitors that select what exists, the gateway's sidecars sharing
 * the socket, the scrape NetworkPolicy, and a PrometheusRule that holds exactly the rule files
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

  private static final CrdSchemas CRDS =
      new CrdSchemas(Path.of("src/test/resources/crds/prometheus-operator").toAbsolutePath());
  private static List<JsonNode> customResources;
  private static List<HasMetadata> objects;

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
    objects = new StrictKubernetesModel().parse(core.toString());
  }

  @Test
  void operator_resources_are_valid_against_the_vendored_crds() {
    assertThat(customResources).extracting(r -> r.path("kind").asText() + "/" + r.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("ServiceMonitor/books-service", "ServiceMonitor/books-web", "PodMonitor/gateway",
            "PrometheusRule/bookshelf");
    for (JsonNode resource : customResources) {
      assertThat(CRDS.errors(resource)).as("%s %s", resource.path("kind").asText(), resource.at("/metadata/name").asText()).isEmpty();
      assertThat(resource.at("/metadata/namespace").asText()).isEqualTo("bookshelf");
    }
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
      Service service = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
          .filter(s -> name.equals(s.getSpec().getSelector().get("app.kubernetes.io/name")))
          .filter(s -> name.equals(s.getMetadata().getLabels().get("app.kubernetes.io/name")))
          .findFirst().orElseThrow(() -> new AssertionError("no Service labelled " + name));
      assertThat(service.getSpec().getPorts()).extracting(p -> p.getName())
          .contains(monitor.at("/spec/endpoints/0/port").asText());
    }
  }

  @Test
  void the_gateway_pod_runs_both_sidecars_and_shares_the_metrics_log() {
    Deployment gateway = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .filter(d -> d.getMetadata().getName().equals("gateway")).findFirst().orElseThrow();
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
  void the_monitoring_namespace_may_scrape_the_metrics_ports() {
    NetworkPolicy policy = objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
        .filter(p -> p.getMetadata().getName().equals("allow-monitoring-scrape")).findFirst().orElseThrow();
    assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getFrom()).singleElement().satisfies(peer ->
          assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));
      assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal() != null ? p.getPort().getIntVal().toString() : p.getPort().getStrVal())
          .containsExactlyInAnyOrder("5000", "3000", "red-metrics", "nginx-metrics");
    });
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
