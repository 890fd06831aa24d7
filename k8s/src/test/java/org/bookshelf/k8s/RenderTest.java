package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
        .contains("Namespace", "Deployment", "Service", "ConfigMap",
            "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "ServiceAccount");
    // Keycloak in the local overlay only: production signs in with an external issuer.
    if (Overlays.HAND_MADE_POSTGRES.contains(overlay)) {
      assertThat(manifests.workloads()).extracting(Workload::name)
          .containsExactlyInAnyOrder("books-service", "books-web", "gateway", "postgres",
              "token-verifier", Apps.IDENTITY);
      assertThat(manifests.cronJobs()).extracting(c -> c.getMetadata().getName())
          .containsExactlyInAnyOrder("postgres-backup", "postgres-restore");
    } else {
      assertThat(manifests.workloads()).extracting(Workload::name)
          .containsExactlyInAnyOrder("books-service", "books-web", "gateway", "token-verifier");
      assertThat(manifests.custom("Cluster")).extracting(c -> c.getMetadata().getName()).containsExactly("books-db");
      assertThat(manifests.custom("ScheduledBackup")).hasSize(1);
      assertThat(manifests.cronJobs()).isEmpty();
    }
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

  @Test
  void every_file_the_manifests_comments_cite_exists() throws IOException {
    Pattern cited = Pattern.compile("(?:^|[\\s(`])((?:k8s|gateway|docs|tools)/[A-Za-z0-9_./-]*[A-Za-z0-9_])");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Repository.path("k8s"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().contains("/target/")).toList()) {
        for (String line : Files.readAllLines(file)) {
          int comment = line.indexOf('#');
          Matcher m = cited.matcher(comment < 0 ? "" : line.substring(comment));
          while (m.find()) {
            if (!Files.exists(Repository.path(m.group(1)))) {
              missing.add(Repository.root().relativize(file) + " cites " + m.group(1));
            }
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
