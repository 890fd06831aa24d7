package org.bookshelf.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Deployment or StatefulSet seen as what it runs: a pod template, replicas, claims; or the pod
 * a CronJob's Jobs run (one, to completion), for the checks every pod must pass.
 */
public record Workload(
    String kind,
    String name,
    int replicas,
    Map<String, String> selector,
    PodTemplateSpec template,
    List<PersistentVolumeClaim> volumeClaims) {

  /**
   * A Deployment an autoscaler scales sets no replicas: it starts with the autoscaler's minimum
   * ({@code autoscaledMinimum}, null when no autoscaler targets it).
   */
  static Workload of(Deployment deployment, Integer autoscaledMinimum) {
    Integer replicas = deployment.getSpec().getReplicas();
    return new Workload(
        "Deployment",
        deployment.getMetadata().getName(),
        replicasOf(replicas == null ? autoscaledMinimum : replicas),
        deployment.getSpec().getSelector().getMatchLabels(),
        deployment.getSpec().getTemplate(),
        List.of());
  }

  static Workload of(StatefulSet set) {
    return new Workload(
        "StatefulSet",
        set.getMetadata().getName(),
        replicasOf(set.getSpec().getReplicas()),
        set.getSpec().getSelector().getMatchLabels(),
        set.getSpec().getTemplate(),
        set.getSpec().getVolumeClaimTemplates() == null
            ? List.of()
            : set.getSpec().getVolumeClaimTemplates());
  }

  static Workload of(CronJob job) {
    PodTemplateSpec template = job.getSpec().getJobTemplate().getSpec().getTemplate();
    return new Workload("CronJob", job.getMetadata().getName(), 1, template.getMetadata().getLabels(), template, List.of());
  }

  /** The image's name without registry, path and tag, as the build and the apps call it. */
  public String imageName() {
    String image = container().getImage().replaceFirst("@.*$", "").replaceFirst(":[^:/]+$", "");
    return image.substring(image.lastIndexOf('/') + 1);
  }

  public PodSpec pod() {
    return template.getSpec();
  }

  public Map<String, String> podLabels() {
    return template.getMetadata().getLabels();
  }

  /** Init containers and containers: every one of them must be hardened. */
  public List<Container> allContainers() {
    List<Container> all = new ArrayList<>();
    if (pod().getInitContainers() != null) {
      all.addAll(pod().getInitContainers());
    }
    all.addAll(pod().getContainers());
    return all;
  }

  /** The one app container (Bookshelf runs no sidecars). */
  public Container container() {
    if (pod().getContainers().size() != 1) {
      throw new IllegalStateException(name + " has " + pod().getContainers().size() + " containers");
    }
    return pod().getContainers().get(0);
  }

  private static int replicasOf(Integer replicas) {
    // The API server defaults a missing replicas field to 1, and so does an HPA's minReplicas.
    return replicas == null ? 1 : replicas;
  }
}
