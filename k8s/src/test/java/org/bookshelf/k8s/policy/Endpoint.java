package org.bookshelf.k8s.policy;

import java.util.List;
import java.util.Map;

/**
 * Something that sends or receives traffic: a pod (namespace, labels, ports) or an address
 * outside the cluster's pods (a client on the internet, the cloud metadata service).
 */
public record Endpoint(
    String name,
    String namespace,
    Map<String, String> namespaceLabels,
    Map<String, String> podLabels,
    String ip,
    List<Port> ports) {

  public static Endpoint pod(String name, String namespace, Map<String, String> labels, String ip, List<Port> ports) {
    return new Endpoint(name, namespace, Map.of("kubernetes.io/metadata.name", namespace), labels, ip, ports);
  }

  public static Endpoint address(String name, String ip, List<Port> ports) {
    return new Endpoint(name, null, Map.of(), Map.of(), ip, ports);
  }

  public boolean isPod() {
    return namespace != null;
  }

  /** A port an endpoint listens on; a pod's may be named, which policies can refer to. */
  public record Port(String name, int number, String protocol) {
    @Override
    public String toString() {
      return number + "/" + protocol;
    }
  }
}
