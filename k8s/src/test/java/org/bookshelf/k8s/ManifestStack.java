package org.bookshelf.k8s;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Volume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bookshelf.testsupport.TestSettings;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs a rendered overlay's workloads as Docker containers, the way a node would: each replica
 * a container with the manifest's image, resolved env, ports, user, CPU/memory limits, read-only
 * root, emptyDirs as tmpfs, claims as fresh volumes, Secret volumes as read-only files; on one
 * network where each Service name resolves to the pods it selects. Workloads start in the order
 * their dependencies need (the gateway resolves its upstreams at start), each one ready by its
 * own readiness probe before the next.
 */
final class ManifestStack implements AutoCloseable {

  private final RenderedManifests manifests;
  private final Path secretsDir;
  private final Network network = Network.newNetwork();
  private final Map<String, List<GenericContainer<?>>> replicas = new LinkedHashMap<>();
  private final Map<String, String> claimVolumes = new LinkedHashMap<>();

  ManifestStack(RenderedManifests manifests, Path secretsDir) {
    this.manifests = manifests;
    this.secretsDir = secretsDir;
  }

  void start() {
    for (Workload workload : startOrder()) {
      List<GenericContainer<?>> containers = new ArrayList<>();
      for (int i = 0; i < workload.replicas(); i++) {
        containers.add(container(workload, i));
      }
      replicas.put(workload.name(), containers);
      Startables.deepStart(containers).join();
    }
  }

  /** How a pod run to completion ended. */
  record Completion(long exitCode, String logs) {}

  /**
   * Runs a CronJob's pod once, to completion, as its Job would: the same image, resolved env
   * (plus {@code extraEnv}, as {@code kubectl set env} on a Job made from it), user, limits,
   * read-only root and emptyDirs; each claim a named volume that lives as long as this stack, so
   * a later run sees what an earlier one wrote.
   */
  Completion runToCompletion(Workload job, Map<String, String> extraEnv) {
    Container spec = job.container();
    PodSecurityContext security = job.pod().getSecurityContext();
    Map<String, String> env = new LinkedHashMap<>(manifests.environment(spec));
    env.putAll(extraEnv);
    try (GenericContainer<?> container = new GenericContainer<>(image(job, spec))) {
      container.withNetwork(network)
          .withEnv(env)
          .withStartupCheckStrategy(new ExitedStartupCheck().withTimeout(java.time.Duration.ofMinutes(3)))
          .withCreateContainerCmdModifier(cmd -> {
            cmd.withName("k8s-it-" + job.name() + "-" + System.nanoTime());
            // Kubernetes: command replaces the image's ENTRYPOINT, args its CMD.
            if (spec.getCommand() != null && !spec.getCommand().isEmpty()) {
              cmd.withEntrypoint(spec.getCommand());
              cmd.withCmd(spec.getArgs() == null ? List.of() : spec.getArgs());
            }
            cmd.withUser(security.getRunAsUser() + ":" + security.getRunAsGroup());
            HostConfig host = cmd.getHostConfig();
            host.withReadonlyRootfs(Boolean.TRUE.equals(spec.getSecurityContext().getReadOnlyRootFilesystem()))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withMemory(spec.getResources().getLimits().get("memory").getNumericalAmount().longValue())
                .withTmpFs(emptyDirs(job, spec))
                .withMounts(claimVolumes(job, spec));
          });
      container.start();
      Long exit = container.getCurrentContainerInfo().getState().getExitCodeLong();
      return new Completion(exit == null ? -1 : exit, container.getLogs());
    }
  }

  /** A run-to-completion container has started once it has exited, whatever its exit code. */
  private static final class ExitedStartupCheck extends org.testcontainers.containers.startupcheck.StartupCheckStrategy {
    @Override
    public StartupStatus checkStartupState(com.github.dockerjava.api.DockerClient client, String containerId) {
      return Boolean.TRUE.equals(getCurrentState(client, containerId).getRunning())
          ? StartupStatus.NOT_YET_KNOWN
          : StartupStatus.SUCCESSFUL;
    }
  }

  /**
   * persistentVolumeClaim volumes → a named Docker volume per claim, owned by the pod's fsGroup
   * as the kubelet makes it (the volume's root is writable by the group).
   */
  private List<Mount> claimVolumes(Workload job, Container spec) {
    List<Mount> mounts = new ArrayList<>();
    for (VolumeMount mount : spec.getVolumeMounts()) {
      volume(job, mount.getName()).filter(v -> v.getPersistentVolumeClaim() != null).ifPresent(v -> {
        Long fsGroup = job.pod().getSecurityContext().getFsGroup();
        String name = claimVolumes.computeIfAbsent(
            v.getPersistentVolumeClaim().getClaimName(), claim -> newClaimVolume(claim, fsGroup == null ? 0 : fsGroup));
        mounts.add(new Mount().withType(MountType.VOLUME).withSource(name).withTarget(mount.getMountPath())
            .withReadOnly(Boolean.TRUE.equals(mount.getReadOnly())));
      });
    }
    return mounts;
  }

  /** A fresh volume for a claim, its root given to the pod's fsGroup by a root helper. */
  private String newClaimVolume(String claim, long fsGroup) {
    String name = "k8s-it-claim-" + claim + "-" + System.nanoTime();
    var docker = org.testcontainers.DockerClientFactory.instance().client();
    docker.createVolumeCmd().withName(name).exec();
    try (GenericContainer<?> chown = new GenericContainer<>(TestSettings.postgresImage())
        .withCommand("sh", "-c", "chown " + fsGroup + ":" + fsGroup + " /claim && chmod 2775 /claim")
        .withStartupCheckStrategy(new ExitedStartupCheck().withTimeout(java.time.Duration.ofMinutes(1)))
        .withCreateContainerCmdModifier(cmd -> cmd.withUser("0:0").getHostConfig()
            .withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(name).withTarget("/claim"))))) {
      chown.start();
    }
    return name;
  }

  List<GenericContainer<?>> replicasOf(String workload) {
    return replicas.get(workload);
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(replicas.keySet());
    java.util.Collections.reverse(names);
    names.forEach(name -> replicas.get(name).forEach(GenericContainer::stop));
    var docker = org.testcontainers.DockerClientFactory.instance().client();
    claimVolumes.values().forEach(volume -> docker.removeVolumeCmd(volume).exec());
    network.close();
  }

  private GenericContainer<?> container(Workload workload, int replica) {
    Container spec = workload.container();
    PodSecurityContext security = workload.pod().getSecurityContext();
    List<String> aliases = servicesSelecting(workload);
    GenericContainer<?> container = new GenericContainer<>(image(workload, spec))
        .withNetwork(network)
        .withNetworkAliases(aliases.toArray(String[]::new))
        .withEnv(manifests.environment(spec))
        .withExposedPorts(spec.getPorts().stream().map(ContainerPort::getContainerPort).toArray(Integer[]::new))
        .waitingFor(new ProbeWaitStrategy(spec))
        .withCreateContainerCmdModifier(cmd -> {
          cmd.withName("k8s-it-" + workload.name() + "-" + replica + "-" + System.nanoTime());
          cmd.withUser(security.getRunAsUser() + ":" + security.getRunAsGroup());
          HostConfig host = cmd.getHostConfig();
          host.withReadonlyRootfs(Boolean.TRUE.equals(spec.getSecurityContext().getReadOnlyRootFilesystem()))
              .withCapDrop(Capability.ALL)
              .withSecurityOpts(List.of("no-new-privileges"))
              .withMemory(spec.getResources().getLimits().get("memory").getNumericalAmount().longValue())
              .withNanoCPUs(spec.getResources().getLimits().get("cpu").getNumericalAmount()
                  .multiply(java.math.BigDecimal.valueOf(1_000_000_000L)).longValue())
              .withTmpFs(emptyDirs(workload, spec))
              .withMounts(claims(workload, spec))
              .withBinds(secretFiles(workload, spec, replica));
        });
    return container;
  }

  /**
   * PostgreSQL's public image swapped for the build's base; every other image is one this build
   * produces, run under the build's registry and tag ({@code -Dimage.tag}), not the overlay's.
   */
  private static DockerImageName image(Workload workload, Container spec) {
    if (spec.getImage().equals(Apps.POSTGRES_IMAGE)) {
      return TestSettings.postgresImage();
    }
    return TestSettings.projectImage(workload.imageName());
  }

  /**
   * emptyDir → tmpfs, capped at its sizeLimit, world-writable and owned by the pod's fsGroup as
   * the kubelet makes it (Docker keeps the mode of a directory the image already has, so the
   * group is what makes it writable there, as fsGroup does in Kubernetes).
   */
  private Map<String, String> emptyDirs(Workload workload, Container spec) {
    Long fsGroup = workload.pod().getSecurityContext().getFsGroup();
    String group = fsGroup == null ? "" : ",gid=" + fsGroup;
    Map<String, String> tmpfs = new LinkedHashMap<>();
    for (VolumeMount mount : spec.getVolumeMounts()) {
      volume(workload, mount.getName()).filter(v -> v.getEmptyDir() != null).ifPresent(v -> {
        var limit = v.getEmptyDir().getSizeLimit();
        String size = limit == null ? "" : ",size=" + limit.getNumericalAmount().longValue();
        tmpfs.put(mount.getMountPath(), "rw,mode=1777" + group + size);
      });
    }
    return tmpfs;
  }

  /** volumeClaimTemplates → a fresh anonymous volume (removed with the container). */
  private static List<Mount> claims(Workload workload, Container spec) {
    List<String> claimNames = workload.volumeClaims().stream().map(c -> c.getMetadata().getName()).toList();
    return spec.getVolumeMounts().stream()
        .filter(m -> claimNames.contains(m.getName()))
        .map(m -> new Mount().withType(MountType.VOLUME).withTarget(m.getMountPath()))
        .toList();
  }

  /** Secret volumes → the Secret's items as read-only files, bound at the mount path. */
  private List<Bind> secretFiles(Workload workload, Container spec, int replica) {
    List<Bind> binds = new ArrayList<>();
    for (VolumeMount mount : spec.getVolumeMounts()) {
      volume(workload, mount.getName()).filter(v -> v.getSecret() != null).ifPresent(v -> {
        String secret = v.getSecret().getSecretName();
        Path dir = secretsDir.resolve(workload.name() + "-" + replica + "-" + mount.getName());
        try {
          Files.createDirectories(dir);
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
          for (KeyToPath item : v.getSecret().getItems()) {
            Path file = dir.resolve(item.getPath());
            Files.writeString(file, manifests.secretValue(secret, item.getKey()).orElseThrow(
                () -> new AssertionError("Secret " + secret + " has no key " + item.getKey())));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        binds.add(new Bind(dir.toString(), new Volume(mount.getMountPath()), AccessMode.ro));
      });
    }
    return binds;
  }

  private java.util.Optional<io.fabric8.kubernetes.api.model.Volume> volume(Workload workload, String name) {
    return workload.pod().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
  }

  private List<String> servicesSelecting(Workload workload) {
    return manifests.services().stream()
        .filter(s -> Labels.matches(s.getSpec().getSelector(), workload.podLabels()))
        .map(s -> s.getMetadata().getName())
        .toList();
  }

  /** Workloads whose Services others dial (host:port in their env) start first. */
  private List<Workload> startOrder() {
    List<Workload> pending = new ArrayList<>(manifests.workloads());
    List<Workload> ordered = new ArrayList<>();
    while (!pending.isEmpty()) {
      Workload next = pending.stream()
          .filter(w -> dependencies(w).stream().allMatch(d -> ordered.stream().anyMatch(o -> o.name().equals(d))))
          .findFirst()
          .orElseThrow(() -> new AssertionError("dependency cycle among " + pending));
      ordered.add(next);
      pending.remove(next);
    }
    return ordered;
  }

  private List<String> dependencies(Workload workload) {
    String env = String.join(" ", manifests.environment(workload.container()).values());
    List<String> dependencies = new ArrayList<>();
    for (Service service : manifests.services()) {
      String name = service.getMetadata().getName();
      if (!servicesSelecting(workload).contains(name)
          && Pattern.compile("(^|[^A-Za-z0-9.-])" + Pattern.quote(name) + ":\\d+").matcher(env).find()) {
        manifests.workloads().stream()
            .filter(w -> Labels.matches(service.getSpec().getSelector(), w.podLabels()))
            .forEach(w -> dependencies.add(w.name()));
      }
    }
    return dependencies;
  }
}
