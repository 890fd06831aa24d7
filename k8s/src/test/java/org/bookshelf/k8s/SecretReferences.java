package org.bookshelf.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/** The names of the Secrets a workload's pods need: env, envFrom and volumes. */
public final class SecretReferences {

  private SecretReferences() {}

  public static List<String> of(Workload workload) {
    List<String> names = new ArrayList<>();
    for (Container container : workload.allContainers()) {
      for (EnvVar env : nullSafe(container.getEnv())) {
        if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
          names.add(env.getValueFrom().getSecretKeyRef().getName());
        }
      }
      for (EnvFromSource from : nullSafe(container.getEnvFrom())) {
        if (from.getSecretRef() != null) {
          names.add(from.getSecretRef().getName());
        }
      }
    }
    for (Volume volume : nullSafe(workload.pod().getVolumes())) {
      if (volume.getSecret() != null) {
        names.add(volume.getSecret().getSecretName());
      }
    }
    return names.stream().distinct().toList();
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
