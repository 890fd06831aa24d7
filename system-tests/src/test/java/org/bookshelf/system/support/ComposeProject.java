package org.bookshelf.system.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bookshelf.testsupport.TestSettings;
import org.testcontainers.utility.DockerImageName;

/**
 * A compose project run from the repository's compose files with the images this build produced,
 * through whichever compose the machine has: the v2 plugin ({@code docker compose}) or
 * docker-compose 1.29 (which has no {@code up --wait}, hence the polling of healthchecks).
 */
public final class ComposeProject implements AutoCloseable {

  private final String name;
  private final List<Path> files;
  private final Map<String, String> env;
  private final List<String> compose;

  public ComposeProject(String name, List<Path> files, Map<String, String> extraEnv) {
    this.name = name;
    this.files = files;
    this.compose = composeCommand();
    Map<String, String> all = new HashMap<>(imageEnv());
    all.putAll(extraEnv);
    this.env = all;
  }

  /** The variables docker-compose.yml takes image names from, set to what this build made. */
  private static Map<String, String> imageEnv() {
    DockerImageName service = TestSettings.projectImage("books-service");
    String unversioned = service.getUnversionedPart();
    return Map.of(
        "BOOKSHELF_IMAGE_REGISTRY", unversioned.substring(0, unversioned.length() - "books-service".length()),
        "BOOKSHELF_IMAGE_TAG", service.getVersionPart(),
        "POSTGRES_IMAGE", TestSettings.postgresImage().asCanonicalNameString());
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

  public Commands.Result run(String... args) {
    List<String> command = new ArrayList<>(compose);
    command.addAll(List.of("-p", name));
    for (Path file : files) {
      command.addAll(List.of("-f", file.toString()));
    }
    command.addAll(List.of(args));
    return Commands.run(command, ProjectFiles.root(), env, 300).orThrow(command);
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

  /** Health of every container of the project, e.g. [healthy, starting]. */
  public List<String> healthStates() {
    List<String> ids = containerIds();
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> inspect = new ArrayList<>(List.of("docker", "inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}"));
    inspect.addAll(ids);
    return Commands.run(inspect, ProjectFiles.root(), Map.of(), 30).orThrow(inspect).output().lines().toList();
  }

  public List<String> containerIds() {
    List<String> ps = List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + name);
    return Commands.run(ps, ProjectFiles.root(), Map.of(), 30).orThrow(ps).output().lines().filter(l -> !l.isBlank()).toList();
  }

  /** "service ports" for every running container of the project, as {@code docker ps} shows them. */
  public List<String> portsByService() {
    List<String> ps = List.of("docker", "ps", "--filter", "label=com.docker.compose.project=" + name,
        "--format", "{{.Label \"com.docker.compose.service\"}} {{.Ports}}");
    return Commands.run(ps, ProjectFiles.root(), Map.of(), 30).orThrow(ps).output().lines().filter(l -> !l.isBlank()).toList();
  }

  public List<String> volumes() {
    List<String> ls = List.of("docker", "volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + name);
    return Commands.run(ls, ProjectFiles.root(), Map.of(), 30).orThrow(ls).output().lines().filter(l -> !l.isBlank()).toList();
  }

  /** Logs of every service, for a failure message. */
  public String logs() {
    return run("logs", "--no-color", "--tail=40").output();
  }

  public void down() {
    run("down", "-v", "--remove-orphans");
  }

  @Override
  public void close() {
    down();
  }
}
