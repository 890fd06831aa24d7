package org.bookshelf.system.support;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.time.Duration;
import java.util.Map;
import org.bookshelf.testsupport.TestSettings;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The three images the build produced, configured as docker-compose.yml runs them: network
 * aliases equal to the compose service names, JSON logs, compose's hardening, and no published
 * port except the gateway's.
 */
public final class ServiceContainers {

  private static final Duration STARTUP = Duration.ofMinutes(2);

  private ServiceContainers() {}

  /** books-service on H2 in a tmpfs, or on the database that {@code env} points at. */
  public static GenericContainer<?> booksService(Network network, String alias, Map<String, String> env) {
    GenericContainer<?> container =
        new GenericContainer<>(TestSettings.projectImage("books-service"))
            .withNetwork(network)
            .withNetworkAliases(alias)
            .withEnv("LOG_FORMAT", "json")
            .withEnv(env)
            .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(Healthchecks.http(5000, "/health/ready")))
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(STARTUP));
    return Hardening.apply(container, 512, "/app/data");
  }

  public static GenericContainer<?> booksWeb(Network network) {
    GenericContainer<?> container =
        new GenericContainer<>(TestSettings.projectImage("books-web"))
            .withNetwork(network)
            .withNetworkAliases("books-web")
            .withEnv("LOG_FORMAT", "json")
            .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(Healthchecks.http(3000, "/health/ready")))
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(STARTUP));
    return Hardening.apply(container, 256);
  }

  /**
   * The gateway with the stack's key file (config/api-keys.map) mounted read-only, as compose
   * does. Start it after its upstreams: nginx resolves their names once, at start.
   */
  public static GenericContainer<?> gateway(Network network, String booksServiceUpstream) {
    String keys = ProjectFiles.apiKeysFile().toString();
    GenericContainer<?> container =
        new GenericContainer<>(TestSettings.projectImage("books-gateway"))
            .withNetwork(network)
            .withNetworkAliases("gateway")
            .withEnv("BOOKS_SERVICE_UPSTREAM", booksServiceUpstream)
            .withEnv("BOOKS_WEB_UPSTREAM", "books-web:3000")
            .withExposedPorts(8080)
            .withCreateContainerCmdModifier(
                cmd -> {
                  cmd.withHealthcheck(Healthchecks.http(8080, "/healthz"));
                  cmd.getHostConfig()
                      .withBinds(new Bind(keys, new Volume("/etc/nginx/secrets/api-keys.map"), AccessMode.ro));
                })
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(STARTUP));
    return Hardening.apply(container, 64);
  }
}
