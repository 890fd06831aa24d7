package org.bookshelf.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bookshelf.system.support.ProjectFiles;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * Only the gateway is reachable: a container outside the stack's network cannot open a
 * connection to any service, while one inside can (so the probe itself works); and the compose
 * files publish no port but the gateway's.
 */
@RequiresDocker
@ExtendWith(SharedStack.class)
class OnlyGatewayReachableIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void a_container_on_another_network_reaches_no_service_of_the_stack(SystemStack stack) throws Exception {
    List<String> targets = targets(stack);
    try (Network elsewhere = Network.newNetwork();
        GenericContainer<?> outsider = probe(elsewhere);
        GenericContainer<?> insider = probe(stack.network())) {
      outsider.start();
      insider.start();

      for (String target : targets) {
        assertThat(connect(insider, target)).as("from inside the stack's network: %s", target).isEqualTo("REACHED");
        assertThat(connect(outsider, target)).as("from another network: %s", target).isEqualTo("BLOCKED");
      }
      assertThat(outsider.execInContainer("getent", "hosts", "books-service").getExitCode())
          .as("the service names do not even resolve outside").isNotZero();
    }
  }

  @Test
  void compose_publishes_only_the_gateway_port() throws Exception {
    for (Path file : List.of(ProjectFiles.composeFile(), ProjectFiles.postgresComposeFile())) {
      JsonNode services = YAML.readTree(file.toFile()).get("services");
      List<String> publishing = new ArrayList<>();
      services.fields().forEachRemaining(service -> {
        if (service.getValue().has("ports")) {
          publishing.add(service.getKey());
        }
      });
      assertThat(publishing).as("services with ports in %s", file.getFileName()).isSubsetOf("gateway");
    }
    JsonNode base = YAML.readTree(ProjectFiles.composeFile().toFile());
    JsonNode ports = base.at("/services/gateway/ports");
    assertThat(ports).hasSize(1);
    assertThat(ports.get(0).asText()).endsWith(":8080");
    assertThat(base.at("/networks/internal/internal").asBoolean()).as("the services' network is internal").isTrue();
    for (String service : List.of("books-service", "books-web")) {
      assertThat(base.at("/services/" + service + "/networks").toString()).isEqualTo("[\"internal\"]");
    }
  }

  /** The services' addresses on the stack's network: books-service:5000, books-web:3000, the gateway:8080. */
  private static List<String> targets(SystemStack stack) {
    return List.of(
        address(stack.booksService(1), stack.network()) + "/5000",
        address(stack.booksWeb(), stack.network()) + "/3000",
        address(stack.gateway(), stack.network()) + "/8080");
  }

  private static String address(GenericContainer<?> container, Network network) {
    return container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
        .filter(settings -> network.getId().equals(settings.getNetworkID()))
        .map(settings -> settings.getIpAddress())
        .findFirst()
        .orElseThrow();
  }

  /** A shell with bash and coreutils, to open raw TCP connections: the books-service image. */
  private static GenericContainer<?> probe(Network network) {
    return new GenericContainer<>(TestSettings.projectImage("books-service"))
        .withNetwork(network)
        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sleep", "infinity"));
  }

  private static String connect(GenericContainer<?> from, String hostSlashPort) throws Exception {
    String script = "timeout 2 bash -c 'exec 3<>/dev/tcp/" + hostSlashPort + "' 2>/dev/null && echo REACHED || echo BLOCKED";
    return from.execInContainer("bash", "-c", script).getStdout().trim();
  }
}
