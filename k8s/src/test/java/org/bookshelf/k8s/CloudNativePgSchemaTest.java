package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.bookshelf.k8s.StrictKubernetesModel.InvalidManifestException;
import org.junit.jupiter.api.Test;

/**
 * The production overlay's CloudNativePG resources against the vendored CRD schemas
 * (k8s/vendor/cloudnative-pg): the real ones are valid, and each kind of mistake fails.
 */
class CloudNativePgSchemaTest {

  private final StrictKubernetesModel model = new StrictKubernetesModel();

  private static String database() throws IOException {
    return Files.readString(Repository.path("k8s/overlays/production/database.yaml"));
  }

  @Test
  void the_production_cluster_and_scheduled_backup_match_the_vendored_crds() throws IOException {
    var objects = model.parse(database());

    assertThat(objects).filteredOn(GenericKubernetesResource.class::isInstance)
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly("Cluster/books-db", "ScheduledBackup/books-db-nightly");
    GenericKubernetesResource cluster = (GenericKubernetesResource) objects.get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) cluster.getAdditionalProperties().get("spec");
    assertThat(spec).containsEntry("instances", 3);
    assertThat(spec.get("backup").toString()).contains("barmanObjectStore", "books-db-backup-credentials");
  }

  @Test
  void the_documented_restore_cluster_matches_the_vendored_crd() throws IOException {
    var objects = model.parse(Files.readString(Repository.path("k8s/overlays/production/books-db-restored.example.yaml")));

    assertThat(objects).singleElement().extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .isEqualTo("Cluster/books-db-restored");
  }

  @Test
  void a_misspelt_field_fails() throws IOException {
    String broken = database().replace("  instances: 3", "  instanses: 3");

    assertThatThrownBy(() -> model.parse(broken))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("Cluster books-db does not match its vendored CRD")
        .hasMessageContaining("instanses");
  }

  @Test
  void a_wrong_type_fails() throws IOException {
    String broken = database().replace("  instances: 3", "  instances: \"three\"");

    assertThatThrownBy(() -> model.parse(broken))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("instances");
  }

  @Test
  void a_value_outside_the_enum_fails() throws IOException {
    String broken = database().replace("method: barmanObjectStore", "method: rsync");

    assertThatThrownBy(() -> model.parse(broken))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("ScheduledBackup books-db-nightly")
        .hasMessageContaining("/spec/method");
  }

  @Test
  void a_missing_required_field_fails() throws IOException {
    String broken = database().replace("  cluster:\n    name: books-db\n", "");

    assertThatThrownBy(() -> model.parse(broken))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("ScheduledBackup books-db-nightly")
        .hasMessageContaining("cluster");
  }
}
