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
 * Replicas are named like compose's: books-service, books-service-2, ... On PostgreSQL, the
 * database and the replicas have fixed addresses, so a replaced replica or a restarted database
 * comes back where the gateway (nginx resolves names once) and the connection pool expect it.
 */
public final class SystemStack implements AutoCloseable {

  /** The local key in config/api-keys.map, the file the stack's gateway reads. */
  public static final String API_KEY = "bookshelf-local-key";

  private static final int POSTGRES_HOST = 100;
  private static final int SHUTDOWN_WAIT_SECONDS = 15;

  private final Network network;
  private final FixedAddressNetwork addresses;
  private final List<Startable> started = new ArrayList<>();
  private final List<GenericContainer<?>> booksServices = new ArrayList<>();
  private Map<String, String> serviceEnv = Map.of();
  private PostgreSQLContainer postgres;
  private GenericContainer<?> booksWeb;
  private GenericContainer<?> gateway;

  private SystemStack(FixedAddressNetwork addresses) {
    this.addresses = addresses;
    this.network = addresses != null ? addresses.network() : Network.newNetwork();
  }

  /** One books-service on its embedded H2 database (the compose default). */
  public static SystemStack startOnH2() {
    return startOnH2(Map.of());
  }

  /** The same, with extra gateway environment (e.g. {@code GATEWAY_RATE_LIMIT}). */
  public static SystemStack startOnH2(Map<String, String> gatewayEnv) {
    return start(1, gatewayEnv, null);
  }

  /** {@code replicas} books-services sharing one PostgreSQL (compose's postgres variant). */
  public static SystemStack startOnPostgres(int replicas) {
    return startOnPostgres(replicas, Map.of());
  }

  /** The same, with extra gateway environment (e.g. {@code GATEWAY_RATE_LIMIT}). */
  public static SystemStack startOnPostgres(int replicas, Map<String, String> gatewayEnv) {
    return start(replicas, gatewayEnv, new PostgreSQLContainer(TestSettings.postgresImage()).withDatabaseName("books"));
  }

  private static SystemStack start(int replicas, Map<String, String> gatewayEnv, PostgreSQLContainer postgres) {
    SystemStack stack = new SystemStack(postgres != null ? FixedAddressNetwork.create() : null);
    try {
      if (postgres != null) {
        stack.postgres = postgres;
        postgres.withNetwork(stack.network).withNetworkAliases("postgres")
            .withCreateContainerCmdModifier(cmd -> cmd.withIpv4Address(stack.addresses.address(POSTGRES_HOST)));
        stack.startAll(List.of(postgres));
        stack.serviceEnv =
            Map.of(
                "DB_URL", "jdbc:postgresql://postgres:5432/books",
                "DB_USER", postgres.getUsername(),
                "DB_PASSWORD", postgres.getPassword());
      }
      List<Startable> upstreams = new ArrayList<>();
      for (int i = 1; i <= replicas; i++) {
        GenericContainer<?> service = stack.newReplica(i);
        stack.booksServices.add(service);
        upstreams.add(service);
      }
      stack.booksWeb = ServiceContainers.booksWeb(stack.network);
      upstreams.add(stack.booksWeb);
      stack.startAll(upstreams);
      String upstream =
          IntStream.rangeClosed(1, replicas).mapToObj(i -> replicaName(i) + ":5000").collect(Collectors.joining(" "));
      stack.gateway = ServiceContainers.gateway(stack.network, upstream).withEnv(gatewayEnv);
      stack.startAll(List.of(stack.gateway));
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Replica {@code n}'s container, not started; on PostgreSQL with its fixed address. */
  private GenericContainer<?> newReplica(int n) {
    GenericContainer<?> service = ServiceContainers.booksService(network, replicaName(n), serviceEnv);
    if (addresses != null) {
      service.withCreateContainerCmdModifier(cmd -> cmd.withIpv4Address(addresses.address(POSTGRES_HOST + n)));
    }
    return service;
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
    replica.getDockerClient().stopContainerCmd(replica.getContainerId()).withTimeout(SHUTDOWN_WAIT_SECONDS).exec();
  }

  /** Kills a replica without warning (SIGKILL), as a crash or the OOM killer would. */
  public void killReplica(int n) {
    GenericContainer<?> replica = booksService(n);
    replica.getDockerClient().killContainerCmd(replica.getContainerId()).withSignal("KILL").exec();
  }

  /**
   * Replaces replica {@code n} the way a rolling update does: SIGTERM, wait for it to drain and
   * exit, remove it, then start a new container with the same name and address and wait until it
   * is healthy. PostgreSQL stacks only (H2 data lives in the old container).
   */
  public void replaceReplica(int n) {
    if (postgres == null) {
      throw new IllegalStateException("replicas can be replaced on PostgreSQL stacks only");
    }
    GenericContainer<?> old = booksService(n);
    if (old.isRunning()) {
      stopReplica(n);
    }
    old.stop(); // removes it, freeing its address
    started.remove(old);
    GenericContainer<?> replacement = newReplica(n);
    booksServices.set(n - 1, replacement);
    startAll(List.of(replacement));
  }

  /** The database (PostgreSQL stacks). */
  public PostgreSQLContainer postgres() {
    return postgres;
  }

  /** Stops PostgreSQL (SIGTERM, a clean shutdown); its data stays in the container. */
  public void stopPostgres() {
    postgres.getDockerClient().stopContainerCmd(postgres.getContainerId()).withTimeout(SHUTDOWN_WAIT_SECONDS).exec();
  }

  /** Starts the stopped PostgreSQL container again, on its fixed address. */
  public void startPostgres() {
    postgres.getDockerClient().startContainerCmd(postgres.getContainerId()).exec();
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
