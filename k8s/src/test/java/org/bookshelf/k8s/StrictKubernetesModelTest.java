package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.bookshelf.k8s.StrictKubernetesModel.InvalidManifestException;
import org.junit.jupiter.api.Test;

/** The strict parser rejects what the API server would reject (or silently drop). */
class StrictKubernetesModelTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: demo
      spec:
        replicas: 2
        selector:
          matchLabels: {app: demo}
        template:
          metadata:
            labels: {app: demo}
          spec:
            containers:
              - name: demo
                image: demo:1
                readinessProbe:
                  httpGet: {path: /health/ready, port: 5000}
      """;

  private final StrictKubernetesModel model = new StrictKubernetesModel();

  @Test
  void a_valid_deployment_parses_into_the_model() {
    var objects = model.parse(DEPLOYMENT);

    assertThat(objects).singleElement().isInstanceOf(Deployment.class);
    Deployment deployment = (Deployment) objects.get(0);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
            .getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/health/ready");
  }

  @Test
  void a_misspelled_field_is_rejected_with_its_path() {
    String typo = DEPLOYMENT.replace("httpGet: {path:", "httpGet: {paht:");

    assertThatThrownBy(() -> model.parse(typo))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("paht")
        .hasMessageContaining("Deployment demo");
  }

  @Test
  void a_field_at_the_wrong_level_is_rejected() {
    String misplaced = DEPLOYMENT.replace("  replicas: 2", "  replica: 2");

    assertThatThrownBy(() -> model.parse(misplaced)).hasMessageContaining("replica");
  }

  @Test
  void a_wrong_type_is_rejected() {
    String wrongType = DEPLOYMENT.replace("replicas: 2", "replicas: two");

    assertThatThrownBy(() -> model.parse(wrongType))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("replicas");
  }

  @Test
  void a_number_written_as_a_string_is_rejected() {
    String quoted = DEPLOYMENT.replace("replicas: 2", "replicas: \"2\"");

    assertThatThrownBy(() -> model.parse(quoted)).isInstanceOf(InvalidManifestException.class);
  }

  @Test
  void a_duplicate_key_is_rejected() {
    String duplicate = DEPLOYMENT.replace("  replicas: 2", "  replicas: 2\n  replicas: 3");

    assertThatThrownBy(() -> model.parse(duplicate)).isInstanceOf(InvalidManifestException.class);
  }

  @Test
  void an_unexpected_api_version_is_rejected() {
    String beta = DEPLOYMENT.replace("apps/v1", "extensions/v1beta1");

    assertThatThrownBy(() -> model.parse(beta))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("extensions/v1beta1/Deployment");
  }
}
