package org.bookshelf.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.StackContainer;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * Only the gateway is reachable: a container outside the compose stack's network cannot open a
 * connection to any service, while one on it can (so the probe itself works). That the files
 * publish no port but the gateway's is ComposeFilesTest's (the files) and ComposeStackIT's (the
 * running stack).
 */
@RequiresDocker
@ExtendWith(SharedStack.class)
class OnlyGatewayReachableIT {

  @Test
  void a_container_on_another_network_reaches_no_service_of_the_stack(SystemStack stack) throws Exception {
    String network = stack.internalNetworkId();
    List<String> targets = List.of(
        address(stack.booksService(1), network) + "/5000",
        address(stack.booksWeb(), network) + "/3000",
        address(stack.identity(), network) + "/8080",
        address(stack.identity(), network) + "/9000",
        address(stack.gateway(), network) + "/8080");
    try (Network elsewhere = Network.newNetwork();
        GenericContainer<?> outsider = probe().withNetwork(elsewhere);
        GenericContainer<?> insider = probe().withNetworkMode(network)) {
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

  private static String address(StackContainer container, String network) {
    String address = container.address(network);
    assertThat(address).as("address of %s on the stack's network", container).isNotBlank();
    return address;
  }

  /** A shell with bash and coreutils, to open raw TCP connections: the books-service image. */
  private static GenericContainer<?> probe() {
    return new GenericContainer<>(TestSettings.projectImage("books-service"))
        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sleep", "infinity"));
  }

  private static String connect(GenericContainer<?> from, String hostSlashPort) throws Exception {
    String script = "timeout 2 bash -c 'exec 3<>/dev/tcp/" + hostSlashPort + "' 2>/dev/null && echo REACHED || echo BLOCKED";
    return from.execInContainer("bash", "-c", script).getStdout().trim();
  }
}
