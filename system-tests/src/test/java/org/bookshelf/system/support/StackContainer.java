package org.bookshelf.system.support;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/** The container compose runs for one service of a stack, looked at from outside through Docker. */
public record StackContainer(String service, String id) {

  /** Everything the container wrote to stdout and stderr. */
  public String logs() {
    return ComposeProject.docker(List.of("docker", "logs", id));
  }

  /** Runs {@code command} inside the container; the result carries exit code and output. */
  public Commands.Result exec(String... command) {
    List<String> line = new ArrayList<>(List.of("docker", "exec", id));
    line.addAll(List.of(command));
    return Commands.run(line, ProjectFiles.root(), Map.of(), 60);
  }

  public InspectContainerResponse inspect() {
    return DockerClientFactory.instance().client().inspectContainerCmd(id).exec();
  }

  /** Its address on the network with this id, or null when it is not attached (or not running). */
  public String address(String networkId) {
    Map<String, ContainerNetwork> networks = inspect().getNetworkSettings().getNetworks();
    return networks.values().stream()
        .filter(settings -> networkId.equals(settings.getNetworkID()))
        .map(ContainerNetwork::getIpAddress)
        .filter(address -> address != null && !address.isEmpty())
        .findFirst()
        .orElse(null);
  }

  @Override
  public String toString() {
    return service + " (" + id.substring(0, Math.min(12, id.length())) + ")";
  }
}
