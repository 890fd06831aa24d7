package org.bookshelf.k8s.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bookshelf.k8s.Labels;

/**
 * Evaluates networking.k8s.io/v1 NetworkPolicies the way the API defines them: a pod selected by
 * a policy of a type (Ingress/Egress) is isolated for that direction and accepts only what some
 * rule of some selecting policy allows; a connection needs the sender's egress and the
 * receiver's ingress. Peers: podSelector (the policy's namespace), namespaceSelector (with an
 * optional podSelector, ANDed), ipBlock; ports by number, range (endPort) or the receiver's port
 * name. All policies given live in one namespace.
 */
public final class NetworkPolicyEngine {

  private final List<NetworkPolicy> policies;
  private final String namespace;

  public NetworkPolicyEngine(List<NetworkPolicy> policies, String namespace) {
    this.policies = List.copyOf(policies);
    this.namespace = namespace;
  }

  /** Every flow among the endpoints, to each port the receiver listens on, that is allowed. */
  public Set<Flow> allowedFlows(List<Endpoint> endpoints, List<Endpoint.Port> extraPorts) {
    Set<Flow> allowed = new TreeSet<>(Comparator.comparing(Flow::toString));
    for (Endpoint from : endpoints) {
      for (Endpoint to : endpoints) {
        if (!inScope(from) && !inScope(to)) {
          continue; // neither end is governed by these policies
        }
        for (Endpoint.Port port : candidatePorts(to, extraPorts)) {
          if (allows(from, to, port.number(), port.protocol())) {
            allowed.add(new Flow(from.name(), to.name(), port.number(), port.protocol()));
          }
        }
      }
    }
    return allowed;
  }

  public boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
    return egressAllowed(from, to, port, protocol) && ingressAllowed(from, to, port, protocol);
  }

  private boolean ingressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
    List<NetworkPolicy> selecting = selecting(to, "Ingress");
    if (selecting.isEmpty()) {
      return true;
    }
    return selecting.stream()
        .flatMap(p -> nullSafe(p.getSpec().getIngress()).stream())
        .anyMatch(rule -> peersMatch(rule.getFrom(), from) && portsMatch(rule.getPorts(), to, port, protocol));
  }

  private boolean egressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
    List<NetworkPolicy> selecting = selecting(from, "Egress");
    if (selecting.isEmpty()) {
      return true;
    }
    return selecting.stream()
        .flatMap(p -> nullSafe(p.getSpec().getEgress()).stream())
        .anyMatch(rule -> peersMatch(rule.getTo(), to) && portsMatch(rule.getPorts(), to, port, protocol));
  }

  private List<NetworkPolicy> selecting(Endpoint pod, String direction) {
    if (!inScope(pod)) {
      return List.of();
    }
    return policies.stream()
        .filter(p -> Labels.matches(p.getSpec().getPodSelector(), pod.podLabels()))
        .filter(p -> types(p).contains(direction))
        .toList();
  }

  /**
   * The API server's default: Ingress always, Egress when the policy has egress rules. (fabric8
   * reads an absent list as empty, so "no egress rules" is an empty list here.)
   */
  private static List<String> types(NetworkPolicy policy) {
    if (!nullSafe(policy.getSpec().getPolicyTypes()).isEmpty()) {
      return policy.getSpec().getPolicyTypes();
    }
    return nullSafe(policy.getSpec().getEgress()).isEmpty()
        ? List.of("Ingress")
        : List.of("Ingress", "Egress");
  }

  /** An absent or empty peer list matches everyone. */
  private boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint other) {
    return peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> peerMatches(peer, other));
  }

  private boolean peerMatches(NetworkPolicyPeer peer, Endpoint other) {
    if (peer.getIpBlock() != null) {
      return inBlock(peer.getIpBlock(), other.ip());
    }
    if (!other.isPod()) {
      return false;
    }
    boolean namespaceMatches = peer.getNamespaceSelector() == null
        ? other.namespace().equals(namespace)
        : Labels.matches(peer.getNamespaceSelector(), other.namespaceLabels());
    boolean podMatches = peer.getPodSelector() == null || Labels.matches(peer.getPodSelector(), other.podLabels());
    return namespaceMatches && podMatches;
  }

  /** Ports are the receiver's: a name resolves against the receiving pod's declared ports. */
  private static boolean portsMatch(List<NetworkPolicyPort> ports, Endpoint to, int port, String protocol) {
    if (ports == null || ports.isEmpty()) {
      return true;
    }
    return ports.stream().anyMatch(p -> {
      String ruleProtocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
      if (!ruleProtocol.equals(protocol)) {
        return false;
      }
      IntOrString rulePort = p.getPort();
      if (rulePort == null) {
        return true;
      }
      if (rulePort.getIntVal() != null) {
        int end = p.getEndPort() == null ? rulePort.getIntVal() : p.getEndPort();
        return port >= rulePort.getIntVal() && port <= end;
      }
      return to.ports().stream().anyMatch(declared -> rulePort.getStrVal().equals(declared.name())
          && declared.number() == port && declared.protocol().equals(protocol));
    });
  }

  private boolean inScope(Endpoint endpoint) {
    return endpoint.isPod() && endpoint.namespace().equals(namespace);
  }

  private static List<Endpoint.Port> candidatePorts(Endpoint to, List<Endpoint.Port> extra) {
    List<Endpoint.Port> ports = new ArrayList<>(to.ports());
    extra.stream().filter(e -> ports.stream().noneMatch(p -> p.number() == e.number()
        && p.protocol().equals(e.protocol()))).forEach(ports::add);
    return ports;
  }

  private static boolean inBlock(IPBlock block, String ip) {
    return inCidr(block.getCidr(), ip)
        && nullSafe(block.getExcept()).stream().noneMatch(except -> inCidr(except, ip));
  }

  static boolean inCidr(String cidr, String ip) {
    String[] parts = cidr.split("/");
    int bits = Integer.parseInt(parts[1]);
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
  }

  private static long toLong(String ipv4) {
    long value = 0;
    for (String octet : ipv4.split("\\.")) {
      value = (value << 8) | Integer.parseInt(octet);
    }
    return value;
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
