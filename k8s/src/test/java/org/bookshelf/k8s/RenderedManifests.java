package org.bookshelf.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The objects of one rendered overlay, with typed look-ups and env resolution. */
public final class RenderedManifests {

  private final String overlay;
  private final List<HasMetadata> objects;

  public RenderedManifests(String overlay, List<HasMetadata> objects) {
    this.overlay = overlay;
    this.objects = List.copyOf(objects);
  }

  /** Renders {@code k8s/overlays/<name>} with kubectl and parses it strictly. */
  public static RenderedManifests render(String overlay) {
    String yaml = Kustomize.render(Repository.overlay(overlay));
    return new RenderedManifests(overlay, new StrictKubernetesModel().parse(yaml));
  }

  public String overlay() {
    return overlay;
  }

  public List<HasMetadata> all() {
    return objects;
  }

  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Every Deployment and StatefulSet: the workloads are what the manifests say, no list. */
  public List<Workload> workloads() {
    return Stream.concat(
            all(Deployment.class).stream().map(d -> Workload.of(d, autoscaledMinimum(d))),
            all(StatefulSet.class).stream().map(Workload::of))
        .toList();
  }

  /** Every pod the manifests run: the workloads' and the CronJobs' (hardened alike). */
  public List<Workload> pods() {
    return Stream.concat(workloads().stream(), cronJobs().stream().map(Workload::of)).toList();
  }

  /** The CronJobs (pg_dump backups, the restore template): run to completion, not workloads. */
  public List<CronJob> cronJobs() {
    return all(CronJob.class);
  }

  /** Custom resources of one kind (CloudNativePG's Cluster, ScheduledBackup). */
  public List<GenericKubernetesResource> custom(String kind) {
    return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
  }

  public List<Workload> deployments() {
    return workloads().stream().filter(w -> w.kind().equals("Deployment")).toList();
  }

  /** The autoscaler that scales a Deployment, if any. */
  public Optional<HorizontalPodAutoscaler> autoscalerOf(String deployment) {
    return autoscalers().stream()
        .filter(a -> a.getSpec().getScaleTargetRef().getKind().equals("Deployment"))
        .filter(a -> a.getSpec().getScaleTargetRef().getName().equals(deployment))
        .findFirst();
  }

  private Integer autoscaledMinimum(Deployment deployment) {
    return autoscalerOf(deployment.getMetadata().getName())
        .map(a -> a.getSpec().getMinReplicas() == null ? 1 : a.getSpec().getMinReplicas())
        .orElse(null);
  }

  public Workload workload(String name) {
    return workloads().stream()
        .filter(w -> w.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(overlay + ": no workload named " + name));
  }

  public List<Service> services() {
    return all(Service.class);
  }

  public Namespace namespace() {
    List<Namespace> namespaces = all(Namespace.class);
    if (namespaces.size() != 1) {
      throw new AssertionError(overlay + ": expected one Namespace, found " + namespaces.size());
    }
    return namespaces.get(0);
  }

  public List<NetworkPolicy> networkPolicies() {
    return all(NetworkPolicy.class);
  }

  public List<PodDisruptionBudget> disruptionBudgets() {
    return all(PodDisruptionBudget.class);
  }

  public List<HorizontalPodAutoscaler> autoscalers() {
    return all(HorizontalPodAutoscaler.class);
  }

  public Optional<ConfigMap> configMap(String name) {
    return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
  }

  public Optional<Secret> secret(String name) {
    return all(Secret.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
  }

  /** A Secret's decoded value; {@code data} is base64, {@code stringData} plain. */
  public Optional<String> secretValue(String secretName, String key) {
    return secret(secretName)
        .flatMap(
            s -> {
              if (s.getStringData() != null && s.getStringData().containsKey(key)) {
                return Optional.of(s.getStringData().get(key));
              }
              if (s.getData() != null && s.getData().containsKey(key)) {
                return Optional.of(
                    new String(Base64.getMimeDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8));
              }
              return Optional.empty();
            });
  }

  /** The names a container's environment gets, from env and envFrom, in the kubelet's order. */
  public List<String> environmentNames(Container container) {
    return List.copyOf(environment(container, false).keySet());
  }

  /**
   * The environment the kubelet would give the container: envFrom first, then env (which wins),
   * with ConfigMap and Secret values resolved. A reference to an object or key that the overlay
   * does not render fails, naming it.
   */
  public Map<String, String> environment(Container container) {
    return environment(container, true);
  }

  /**
   * Like {@link #environment(Container)}, but a Secret the overlay leaves to the cluster
   * ({@link Overlays#externalSecrets}) gives empty values.
   */
  public Map<String, String> lenientEnvironment(Container container) {
    return environment(container, false);
  }

  private Map<String, String> environment(Container container, boolean requireValues) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource source : orEmpty(container.getEnvFrom())) {
      String prefix = source.getPrefix() == null ? "" : source.getPrefix();
      if (source.getConfigMapRef() != null) {
        String name = source.getConfigMapRef().getName();
        ConfigMap map = configMap(name).orElseThrow(() -> missing("ConfigMap", name, container));
        map.getData().forEach((k, v) -> env.put(prefix + k, v));
      }
      if (source.getSecretRef() != null) {
        String name = source.getSecretRef().getName();
        Secret secret = secret(name).orElseThrow(() -> missing("Secret", name, container));
        secret.getData().keySet().forEach(k -> env.put(prefix + k, secretValue(name, k).orElseThrow()));
      }
    }
    for (EnvVar variable : orEmpty(container.getEnv())) {
      env.put(variable.getName(), valueOf(variable, container, requireValues));
    }
    return env;
  }

  private String valueOf(EnvVar variable, Container container, boolean requireValues) {
    if (variable.getValueFrom() == null) {
      return variable.getValue() == null ? "" : variable.getValue();
    }
    var from = variable.getValueFrom();
    if (from.getConfigMapKeyRef() != null) {
      String name = from.getConfigMapKeyRef().getName();
      String key = from.getConfigMapKeyRef().getKey();
      return configMap(name)
          .map(c -> c.getData().get(key))
          .orElseThrow(() -> missing("ConfigMap key", name + "/" + key, container));
    }
    if (from.getSecretKeyRef() != null) {
      String name = from.getSecretKeyRef().getName();
      String key = from.getSecretKeyRef().getKey();
      Optional<String> value = secretValue(name, key);
      boolean external = !requireValues && Overlays.externalSecrets(overlay).contains(name);
      if (value.isEmpty() && !external) {
        throw missing("Secret key", name + "/" + key, container);
      }
      return value.orElse("");
    }
    throw new AssertionError(
        overlay + ": " + container.getName() + " env " + variable.getName() + " uses an unsupported valueFrom");
  }

  private AssertionError missing(String what, String name, Container container) {
    return new AssertionError(
        overlay + ": container " + container.getName() + " refers to " + what + " " + name
            + ", which the overlay does not render");
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
