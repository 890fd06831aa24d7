package org.bookshelf.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Optional;

/** Resolves a port given by number or by name against a container's declared ports. */
public final class Ports {

  private Ports() {}

  public static Optional<ContainerPort> resolve(IntOrString port, List<Container> containers) {
    return containers.stream()
        .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream())
        .filter(p -> port.getIntVal() != null
            ? p.getContainerPort().equals(port.getIntVal())
            : port.getStrVal().equals(p.getName()))
        .findFirst();
  }

  public static Optional<ContainerPort> resolve(IntOrString port, Container container) {
    return resolve(port, List.of(container));
  }

  public static String protocol(String declared) {
    return declared == null ? "TCP" : declared;
  }
}
