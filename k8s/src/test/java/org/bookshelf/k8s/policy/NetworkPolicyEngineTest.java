package org.bookshelf.k8s.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.bookshelf.k8s.StrictKubernetesModel;
import org.junit.jupiter.api.Test;

/** The engine follows the API's semantics on small, hand-made policies. */
class NetworkPolicyEngineTest {

  private static final Endpoint.Port HTTP = new Endpoint.Port("http", 8080, "TCP");
  private final Endpoint web = Endpoint.pod("web", "shop", Map.of("app", "web"), "10.0.0.1", List.of(HTTP));
  private final Endpoint api = Endpoint.pod("api", "shop", Map.of("app", "api"), "10.0.0.2", List.of(HTTP));
  private final Endpoint monitor = Endpoint.pod("monitor", "ops", Map.of("app", "monitor"), "10.0.1.1", List.of());
  private final Endpoint client = Endpoint.address("client", "198.51.100.9", List.of());

  @Test
  void without_policies_everything_is_allowed() {
    assertThat(engine().allows(client, api, 8080, "TCP")).isTrue();
  }

  @Test
  void a_policy_without_rules_isolates_the_pods_it_selects_only() {
    NetworkPolicyEngine engine = engine("""
        podSelector: {matchLabels: {app: api}}
        """);

    assertThat(engine.allows(web, api, 8080, "TCP")).isFalse();
    assertThat(engine.allows(api, web, 8080, "TCP")).as("egress is not isolated without the type").isTrue();
  }

  @Test
  void a_named_port_resolves_against_the_receiver_and_the_protocol_must_match() {
    NetworkPolicyEngine engine = engine("""
        podSelector: {matchLabels: {app: api}}
        ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
            ports: [{port: http}]
        """);

    assertThat(engine.allows(web, api, 8080, "TCP")).isTrue();
    assertThat(engine.allows(web, api, 8080, "UDP")).isFalse();
    assertThat(engine.allows(web, api, 9090, "TCP")).isFalse();
  }

  @Test
  void a_pod_selector_alone_means_the_policys_namespace() {
    NetworkPolicyEngine engine = engine("""
        podSelector: {}
        ingress:
          - from: [{podSelector: {}}]
        """);

    assertThat(engine.allows(web, api, 8080, "TCP")).isTrue();
    assertThat(engine.allows(monitor, api, 8080, "TCP")).isFalse();
  }

  @Test
  void namespace_and_pod_selectors_in_one_peer_must_both_match() {
    NetworkPolicyEngine engine = engine("""
        podSelector: {}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}
                podSelector: {matchLabels: {app: web}}
        """);

    assertThat(engine.allows(monitor, api, 8080, "TCP")).isFalse();
  }

  @Test
  void an_ip_block_matches_addresses_in_its_range_except_the_exceptions() {
    NetworkPolicyEngine engine = engine("""
        podSelector: {}
        ingress:
          - from: [{ipBlock: {cidr: 198.51.100.0/24, except: [198.51.100.9/32]}}]
        """);

    assertThat(engine.allows(client, api, 8080, "TCP")).isFalse();
    assertThat(engine.allows(Endpoint.address("other", "198.51.100.10", List.of()), api, 8080, "TCP")).isTrue();
  }

  @Test
  void a_connection_needs_both_the_senders_egress_and_the_receivers_ingress() {
    NetworkPolicyEngine engine = engine("""
        podSelector: {matchLabels: {app: web}}
        policyTypes: [Egress]
        """, """
        podSelector: {matchLabels: {app: api}}
        ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
        """);

    assertThat(engine.allows(web, api, 8080, "TCP")).isFalse();
    assertThat(engine.allows(client, api, 8080, "TCP")).isFalse();
  }

  private static NetworkPolicyEngine engine(String... specs) {
    StringBuilder yaml = new StringBuilder();
    int i = 0;
    for (String spec : specs) {
      yaml.append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p")
          .append(i++).append(", namespace: shop}\nspec:\n")
          .append(spec.indent(2));
    }
    List<NetworkPolicy> policies = new StrictKubernetesModel().parse(yaml.toString()).stream()
        .map(NetworkPolicy.class::cast).toList();
    return new NetworkPolicyEngine(policies, "shop");
  }
}
