package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.bookshelf.testsupport.RequiresKubectl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each overlay renders with the real kubectl and every object is valid Kubernetes API. */
@RequiresKubectl
class RenderTest {

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void overlay_renders_with_kubectl_and_every_object_parses_strictly(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);

    assertThat(manifests.all()).extracting(HasMetadata::getKind)
        .contains("Namespace", "Deployment", "StatefulSet", "Service", "ConfigMap",
            "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "ServiceAccount");
    assertThat(manifests.workloads()).extracting(Workload::name)
        .containsExactlyInAnyOrder("books-service", "books-web", "gateway", "postgres");
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void every_namespaced_object_lands_in_the_bookshelf_namespace(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);

    List<HasMetadata> namespaced =
        manifests.all().stream().filter(o -> !o.getKind().equals("Namespace")).toList();
    assertThat(namespaced)
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace())
            .as("%s %s", o.getKind(), o.getMetadata().getName())
            .isEqualTo(manifests.namespace().getMetadata().getName()));
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void only_the_documented_secrets_are_left_to_the_cluster(String overlay) {
    RenderedManifests manifests = RenderedManifests.render(overlay);
    List<String> referenced =
        manifests.workloads().stream()
            .flatMap(w -> SecretReferences.of(w).stream())
            .distinct()
            .toList();

    List<String> notRendered =
        referenced.stream().filter(name -> manifests.secret(name).isEmpty()).toList();

    assertThat(notRendered).containsExactlyInAnyOrderElementsOf(Overlays.externalSecrets(overlay));
  }
}
