package org.bookshelf.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;

/**
 * A compose project run from the repository's compose files through whichever compose the
 * machine has: the v2 plugin ({@code docker compose}) or docker-compose 1.29 (which has no
 * {@code up --wait}, hence the polling of healthchecks). The files' variables come only from
 * {@code variables}: the same names are removed from the inherited environment and no
 * {@code .env} file is read, so a developer's own settings never change what a test runs.
 */
public final class ComposeProject {

  private static final long TIMEOUT_SECONDS = 300;

  private final String name;
  private final List<Path> files;
  private final Map<String, String> env;
  private final List<String> compose;
  private final Path emptyEnvFile;

  /**
   * @param fileVariables every variable the files interpolate (ComposeModel#variables)
   * @param variables the values this project sets, a subset of them
   */
  public ComposeProject(String name, List<Path> files, Set<String> fileVariables, Map<String, String> variables) {
    this.name = name;
    this.files = List.copyOf(files);
    this.compose = composeCommand();
    Map<String, String> all = new HashMap<>(System.getenv());
    all.keySet().removeAll(fileVariables);
    all.putAll(variables);
    this.env = all;
    try {
      this.emptyEnvFile = Files.createTempFile("bookshelf-compose", ".env");
      emptyEnvFile.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> composeCommand() {
    Path here = Path.of(".");
    if (Commands.run(List.of("docker", "compose", "version"), here, Map.of(), 30).exitCode() == 0) {
      return List.of("docker", "compose");
    }
    if (Commands.run(List.of("docker-compose", "version"), here, Map.of(), 30).exitCode() == 0) {
      return List.of("docker-compose");
    }
    throw new IllegalStateException("neither `docker compose` nor `docker-compose` runs here; install one");
  }

  public String name() {
    return name;
  }

  public List<Path> files() {
    return files;
  }

  /** The environment every compose command of this project runs with (the files' variables). */
  public Map<String, String> environment() {
    return Map.copyOf(env);
  }

  /** {@code compose -p NAME -f FILE... ARGS}, failing with the output when it fails. */
  public Commands.Result run(String... args) {
    return runWith(Map.of(), args);
  }

  /** {@link #run} with some of the files' variables set otherwise for this one command. */
  public Commands.Result runWith(Map<String, String> variables, String... args) {
    List<String> command = new ArrayList<>(compose);
    command.addAll(List.of("--env-file", emptyEnvFile.toString(), "-p", name));
    for (Path file : files) {
      command.addAll(List.of("-f", file.toString()));
    }
    command.addAll(List.of(args));
    Map<String, String> environment = new HashMap<>(env);
    environment.putAll(variables);
    return Commands.runIn(command, ProjectFiles.root(), environment, TIMEOUT_SECONDS).orThrow(command);
  }

  public void up() {
    run("up", "-d");
  }

  /** Waits until {@code expected} containers of the project report "healthy". */
  public void awaitHealthy(int expected, Duration atMost) {
    Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> healthStates().stream().filter("healthy"::equals).count() == expected);
  }

  /** Health of every container of the project, e.g. [healthy, starting]; "exited" for a stopped one. */
  public List<String> healthStates() {
    List<String> ids = containerIds();
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> inspect = new ArrayList<>(List.of("docker", "inspect", "--format",
        "{{if ne .State.Status \"running\"}}{{.State.Status}}{{else if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}"));
    inspect.addAll(ids);
    return docker(inspect).lines().toList();
  }

  /** Every container of the project, stopped ones included. */
  public List<String> containerIds() {
    return lines(docker(List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + name)));
  }

  /** The one container of {@code service} (running or not). */
  public String containerId(String service) {
    List<String> ids = lines(docker(List.of("docker", "ps", "-aq",
        "--filter", "label=com.docker.compose.project=" + name,
        "--filter", "label=com.docker.compose.service=" + service,
        "--filter", "label=com.docker.compose.oneoff=False")));
    if (ids.size() != 1) {
      throw new IllegalStateException("expected one container of " + service + " in " + name + ", found " + ids);
    }
    return ids.get(0);
  }

  /** The Docker network the project made for {@code network} (its name in the compose file). */
  public String networkId(String network) {
    List<String> ids = lines(docker(List.of("docker", "network", "ls", "-q", "--no-trunc",
        "--filter", "label=com.docker.compose.project=" + name,
        "--filter", "label=com.docker.compose.network=" + network)));
    if (ids.size() != 1) {
      throw new IllegalStateException("expected one network " + network + " in " + name + ", found " + ids);
    }
    return ids.get(0);
  }

  /** "service ports" for every running container of the project, as {@code docker ps} shows them. */
  public List<String> portsByService() {
    return lines(docker(List.of("docker", "ps", "--filter", "label=com.docker.compose.project=" + name,
        "--format", "{{.Label \"com.docker.compose.service\"}} {{.Ports}}")));
  }

  public List<String> volumes() {
    return lines(docker(List.of("docker", "volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + name)));
  }

  /** Logs of every service, for a failure message. */
  public String logs() {
    return run("logs", "--no-color", "--tail=40").output();
  }

  public void down() {
    run("down", "-v", "--remove-orphans");
  }

  static String docker(List<String> command) {
    return Commands.run(command, ProjectFiles.root(), Map.of(), 60).orThrow(command).output();
  }

  private static List<String> lines(String output) {
    return output.lines().filter(line -> !line.isBlank()).toList();
  }
}
