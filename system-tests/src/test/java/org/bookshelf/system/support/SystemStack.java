package org.bookshelf.system.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.bookshelf.testsupport.TestSettings;
import org.testcontainers.utility.DockerImageName;

/**
 * The whole system as the compose files define it, started by the compose CLI with the images
 * this build made: {@link Variant#H2} is {@code docker-compose.yml}, {@link Variant#POSTGRES}
 * adds {@code docker-compose.postgres.yml} (PostgreSQL and a second books-service replica). What
 * a test varies, and nothing else, is set from outside: the images (registry, tag), the
 * published port (a free one), the project name, and extra gateway environment (rate limits),
 * which goes into a generated override file under target/compose/. Images, limits, read-only
 * roots, tmpfs, capabilities, healthchecks, networks and volumes are the files' own.
 */
public final class SystemStack implements AutoCloseable {

  /** The local key, the first entry of config/api-keys.map (the key file compose mounts). */
  public static final String API_KEY = localApiKey();

  // Keycloak's first start (schema and realm import) is the slowest part of a stack: 2-5 minutes
  // on a 2-core machine shared with other builds (measured up to 307 s for the whole stack).
  private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(8);
  private static final int LOWEST_PORT = 20000;
  private static final String SHUTDOWN_WAIT_SECONDS = "15";
  private static final String INTERNAL_NETWORK = "internal";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Which compose files make the stack. */
  public enum Variant {
    H2,
    POSTGRES;

    List<Path> files() {
      return this == H2
          ? List.of(ProjectFiles.composeFile())
          : List.of(ProjectFiles.composeFile(), ProjectFiles.postgresComposeFile());
    }
  }

  private final ComposeProject project;
  private final ComposeModel model;
  private final int port;
  private final List<String> replicas;
  private final Map<String, String> addresses = new HashMap<>();
  private int prometheusPort;

  private SystemStack(ComposeProject project, ComposeModel model, int port) {
    this.project = project;
    this.model = model;
    this.port = port;
    this.replicas = model.serviceNames().stream()
        .filter(service -> model.service(service).path("image").asText().matches("(.*/)?books-service:.*"))
        .sorted()
        .toList();
  }

  /**
   * Starts project {@code bookshelf-<image tag>-<name>} from the variant's files (removing
   * leftovers of an interrupted run first) and waits until every service is healthy.
   */
  public static SystemStack start(String name, Variant variant, Map<String, String> gatewayEnv) {
    return start(name, variant, gatewayEnv, List.of());
  }

  /** The same with compose profiles active (e.g. {@code observability}: Prometheus, the exporter). */
  public static SystemStack start(String name, Variant variant, Map<String, String> gatewayEnv, List<String> profiles) {
    String project = ("bookshelf-" + TestSettings.projectImage("books-service").getVersionPart() + "-" + name)
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    List<Path> files = new ArrayList<>(variant.files());
    if (!gatewayEnv.isEmpty()) {
      files.add(override(project, Map.of("services", Map.of("gateway", Map.of("environment", gatewayEnv)))));
    }
    int port = freePort();
    Map<String, String> variables = new HashMap<>(imageVariables());
    variables.put("BOOKSHELF_PORT", String.valueOf(port));
    variables.put("BOOKSHELF_PUBLIC_URL", publicUrl(port));
    if (!profiles.isEmpty()) {
      variables.put("COMPOSE_PROFILES", String.join(",", profiles));
      variables.put("PROMETHEUS_PORT", String.valueOf(freePort()));
    }
    ComposeModel model = ComposeModel.load(files, variables);
    SystemStack stack = new SystemStack(new ComposeProject(project, files, model.variables(), variables), model, port);
    stack.prometheusPort = Integer.parseInt(variables.getOrDefault("PROMETHEUS_PORT", "0"));
    stack.project.down();
    long started = System.nanoTime();
    try {
      stack.project.up();
      stack.awaitHealthy();
    } catch (RuntimeException e) {
      String logs = stack.project.logs();
      stack.close();
      throw new IllegalStateException("stack " + project + " did not come up healthy: " + e.getMessage() + "\n" + logs, e);
    }
    // Printed, not asserted: speed belongs in benchmarks.
    System.out.printf("[system-tests] compose up of %s: %d services healthy in %.1f s%n",
        project, model.serviceNames().size(), (System.nanoTime() - started) / 1e9);
    return stack;
  }

  /** What a browser types to reach the stack: the issuer's base too (docker-compose.yml). */
  private static String publicUrl(int port) {
    return "http://localhost:" + port;
  }

  /** The variables docker-compose.yml takes image names from, set to what this build made. */
  private static Map<String, String> imageVariables() {
    DockerImageName service = TestSettings.projectImage("books-service");
    String unversioned = service.getUnversionedPart();
    return Map.of(
        "BOOKSHELF_IMAGE_REGISTRY", unversioned.substring(0, unversioned.length() - "books-service".length()),
        "BOOKSHELF_IMAGE_TAG", service.getVersionPart(),
        "POSTGRES_IMAGE", TestSettings.postgresImage().asCanonicalNameString(),
        "PROMETHEUS_IMAGE", TestSettings.prometheusImage(),
        "NGINX_EXPORTER_IMAGE", TestSettings.nginxExporterImage());
  }

  private static Path override(String project, Map<String, Object> content) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "compose")).toAbsolutePath();
      Path file = dir.resolve(project + ".override.yml");
      Files.writeString(file, "# Generated by SystemStack: what this test varies over the compose files.\n"
          + YAML.writeValueAsString(content));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A free port below the kernel's ephemeral range. Docker gives containers that publish a random
   * port one from that range, so while this stack is stopped (ComposeDurabilityIT) no other
   * container on the machine can be handed its port and answer in its place.
   */
  private static int freePort() {
    int ephemeralStart = ephemeralRangeStart();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = LOWEST_PORT + ThreadLocalRandom.current().nextInt(ephemeralStart - LOWEST_PORT);
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress("0.0.0.0", port));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port between " + LOWEST_PORT + " and " + ephemeralStart);
  }

  private static int ephemeralRangeStart() {
    // Read line by line: Files.readString trusts the size /proc reports and cuts the text short.
    try (var reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32768; // Linux's default
    }
  }

  private static String localApiKey() {
    try {
      return Files.readAllLines(ProjectFiles.apiKeysFile()).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split("\\s+")[0])
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no key in " + ProjectFiles.apiKeysFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until every service of the files is healthy, then notes the replicas' addresses. */
  public void awaitHealthy() {
    project.awaitHealthy(model.healthCheckedServices().size(), HEALTHY_WITHIN);
    String network = internalNetworkId();
    for (String replica : replicas) {
      addresses.put(replica, service(replica).address(network));
    }
  }

  /** Brings back whatever a test stopped, killed or left unhealthy: {@code up -d}, then healthy. */
  public void restore() {
    if (project.healthStates().stream().filter("healthy"::equals).count() != model.healthCheckedServices().size()) {
      project.up();
      awaitHealthy();
    }
  }

  /** The gateway as a client on the host sees it (compose publishes it on 127.0.0.1 by default). */
  public URI gatewayUri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** BOOKSHELF_PUBLIC_URL as this stack runs it: the base of the issuer and of redirect URIs. */
  public String publicUrl() {
    return publicUrl(port);
  }

  /** Prometheus' HTTP API and UI on the host (observability profile only; loopback). */
  public URI prometheusUri(String path) {
    if (prometheusPort == 0) {
      throw new IllegalStateException("this stack runs without the observability profile");
    }
    return URI.create("http://127.0.0.1:" + prometheusPort + path);
  }

  public GatewayClient client() {
    return new GatewayClient(gatewayUri(""));
  }

  public int port() {
    return port;
  }

  public ComposeProject project() {
    return project;
  }

  /** The files' project as this stack runs it (its variables interpolated). */
  public ComposeModel model() {
    return model;
  }

  /** The current container of {@code service}. */
  public StackContainer service(String service) {
    return new StackContainer(service, project.containerId(service));
  }

  public StackContainer gateway() {
    return service("gateway");
  }

  /** The identity provider (Keycloak). */
  public StackContainer identity() {
    return service("identity");
  }

  public StackContainer booksWeb() {
    return service("books-web");
  }

  /** The database (PostgreSQL variant). */
  public StackContainer postgres() {
    return service("postgres");
  }

  /** Replica {@code n} of books-service, counted from 1: books-service, books-service-2, ... */
  public StackContainer booksService(int n) {
    return service(replicaName(n));
  }

  public String replicaName(int n) {
    return replicas.get(n - 1);
  }

  /** How many books-service replicas the files define. */
  public int replicas() {
    return replicas.size();
  }

  /** The id of the services' network (the compose files' {@code internal}). */
  public String internalNetworkId() {
    return project.networkId(INTERNAL_NETWORK);
  }

  /** Stops a replica the way an orchestrator does (SIGTERM, SIGKILL after 15 s); the container stays. */
  public void stopReplica(int n) {
    project.run("stop", "-t", SHUTDOWN_WAIT_SECONDS, replicaName(n));
  }

  /** Kills a replica without warning (SIGKILL), as a crash or the OOM killer would. */
  public void killReplica(int n) {
    project.run("kill", "-s", "SIGKILL", replicaName(n));
  }

  /**
   * Replaces replica {@code n} the way a compose rolling update does: {@code up --force-recreate}
   * of that service alone (SIGTERM, drain, a new container), then waits until it is healthy. nginx
   * resolves upstream names once, at start: the new container must come back on the old address
   * (Docker hands out the lowest free one), and this fails loudly if it does not.
   */
  public void replaceReplica(int n) {
    String replica = replicaName(n);
    project.run("up", "-d", "--no-deps", "--force-recreate", "-t", SHUTDOWN_WAIT_SECONDS, replica);
    Awaitility.await().atMost(HEALTHY_WITHIN).pollInterval(Duration.ofMillis(250))
        .until(() -> "healthy".equals(health(replica)));
    String address = service(replica).address(internalNetworkId());
    if (!address.equals(addresses.get(replica))) {
      throw new IllegalStateException(replica + " came back on " + address + ", not on " + addresses.get(replica)
          + ": the gateway (nginx resolves upstream names once) cannot reach it there");
    }
  }

  private String health(String service) {
    return ComposeProject.docker(List.of("docker", "inspect", "--format",
        "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", project.containerId(service))).strip();
  }

  /** Stops PostgreSQL (SIGTERM, a clean shutdown); its data stays in its volume. */
  public void stopPostgres() {
    project.run("stop", "-t", SHUTDOWN_WAIT_SECONDS, "postgres");
  }

  /** Starts the stopped PostgreSQL container again. */
  public void startPostgres() {
    project.run("start", "postgres");
  }

  /** {@code compose stop} of the whole stack: every container stops, volumes stay. */
  public void stop() {
    project.run("stop");
  }

  /** {@code compose start} of the whole stack, then waits until every service is healthy. */
  public void start() {
    project.run("start");
    awaitHealthy();
  }

  /**
   * {@code compose down -v}, then {@code up} with seeding off: the same stack with an empty store
   * (the schema only), as after a lost volume. Waits until every service is healthy.
   */
  public void recreateEmpty() {
    project.down();
    project.runWith(Map.of("SEED_SAMPLE_DATA", "false"), "up", "-d");
    awaitHealthy();
  }

  /**
   * Runs a script of tools/ against this stack, as an operator would: {@code --project} and a
   * {@code --file} per compose file first, then {@code args}; the result is not checked.
   */
  public Commands.Result tool(String script, long timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>(List.of(ProjectFiles.root().resolve("tools").resolve(script).toString(),
        "--project", project.name()));
    for (Path file : project.files()) {
      command.addAll(List.of("--file", file.toString()));
    }
    command.addAll(List.of(args));
    return Commands.runIn(command, ProjectFiles.root(), project.environment(), timeoutSeconds);
  }

  /** {@code compose down -v}: containers, networks and volumes removed. */
  @Override
  public void close() {
    project.down();
  }
}
