package org.bookshelf.system.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bookshelf.testsupport.TestSettings;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The whole system on one Docker network, from the real images: books-service (on H2, or
 * replicas on PostgreSQL), books-web and the gateway, the only container with a port on the host.
 * Replicas are named like compose's: books-service, books-service-2, ...
 */
public final class SystemStack implements AutoCloseable {

  /** The local key in config/api-keys.map, the file the stack's gateway reads. */
  public static final String API_KEY = "bookshelf-local-key";

  private final Network network;
  private final List<Startable> started = new ArrayList<>();
  private final List<GenericContainer<?>> booksServices = new ArrayList<>();
  private GenericContainer<?> booksWeb;
  private GenericContainer<?> gateway;

  private SystemStack() {
    this.network = Network.newNetwork();
  }

  /** One books-service on its embedded H2 database (the compose default). */
  public static SystemStack startOnH2() {
    return start(1, Map.of(), null);
  }

  /** {@code replicas} books-services sharing one PostgreSQL (compose's postgres variant). */
  public static SystemStack startOnPostgres(int replicas) {
    return start(replicas, null, new PostgreSQLContainer(TestSettings.postgresImage()).withDatabaseName("books"));
  }

  private static SystemStack start(int replicas, Map<String, String> h2Env, PostgreSQLContainer postgres) {
    SystemStack stack = new SystemStack();
    try {
      Map<String, String> env = h2Env;
      if (postgres != null) {
        postgres.withNetwork(stack.network).withNetworkAliases("postgres");
        stack.startAll(List.of(postgres));
        env =
            Map.of(
                "DB_URL", "jdbc:postgresql://postgres:5432/books",
                "DB_USER", postgres.getUsername(),
                "DB_PASSWORD", postgres.getPassword());
      }
      List<Startable> upstreams = new ArrayList<>();
      for (int i = 1; i <= replicas; i++) {
        GenericContainer<?> service = ServiceContainers.booksService(stack.network, replicaName(i), env);
        stack.booksServices.add(service);
        upstreams.add(service);
      }
      stack.booksWeb = ServiceContainers.booksWeb(stack.network);
      upstreams.add(stack.booksWeb);
      stack.startAll(upstreams);
      String upstream =
          IntStream.rangeClosed(1, replicas).mapToObj(i -> replicaName(i) + ":5000").collect(Collectors.joining(" "));
      stack.gateway = ServiceContainers.gateway(stack.network, upstream);
      stack.startAll(List.of(stack.gateway));
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  public static String replicaName(int replica) {
    return replica == 1 ? "books-service" : "books-service-" + replica;
  }

  private void startAll(List<Startable> containers) {
    started.addAll(containers);
    Startables.deepStart(containers).join();
  }

  /** The gateway as a client on the host sees it. */
  public URI gatewayUri(String path) {
    return URI.create("http://" + gateway.getHost() + ":" + gateway.getMappedPort(8080) + path);
  }

  public GatewayClient client() {
    return new GatewayClient(gatewayUri(""));
  }

  public Network network() {
    return network;
  }

  public GenericContainer<?> gateway() {
    return gateway;
  }

  public GenericContainer<?> booksWeb() {
    return booksWeb;
  }

  /** Replica {@code n}, counted from 1 like the compose names. */
  public GenericContainer<?> booksService(int n) {
    return booksServices.get(n - 1);
  }

  public int replicas() {
    return booksServices.size();
  }

  /** Stops a replica the way an orchestrator does (SIGTERM); the container stays for its logs. */
  public void stopReplica(int n) {
    GenericContainer<?> replica = booksService(n);
    replica.getDockerClient().stopContainerCmd(replica.getContainerId()).withTimeout(10).exec();
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).stop();
      } catch (RuntimeException e) {
        System.err.println("could not stop a container: " + e);
      }
    }
    network.close();
  }
}
