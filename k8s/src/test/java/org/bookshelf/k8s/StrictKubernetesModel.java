package org.bookshelf.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads rendered manifests into fabric8's Kubernetes model, strictly: an unknown field, a wrong
 * type, a duplicate key or an unexpected apiVersion/kind is an error. fabric8's classes catch
 * unknown fields in an {@code @JsonAnySetter} map, so any-setters are switched off here; that
 * is what lets {@code FAIL_ON_UNKNOWN_PROPERTIES} see a typo. Custom resources (CloudNativePG's
 * Cluster, ScheduledBackup) are checked against their vendored CRD schemas instead
 * ({@link CustomResourceSchemas}) and kept as generic resources.
 */
public final class StrictKubernetesModel {

  /** The only kinds Bookshelf ships, by {@code apiVersion/kind}. */
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
          Map.entry("batch/v1/CronJob", CronJob.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("apps/v1/StatefulSet", StatefulSet.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));

  private final CustomResourceSchemas customResources = CustomResourceSchemas.vendored();

  private final ObjectMapper yaml =
      YAMLMapper.builder(YAMLFactory.builder().build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();
  private final ObjectMapper strict =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .annotationIntrospector(new NoAnySetter())
          .build();

  /** Every document of a multi-document YAML stream, each as its model class. */
  public List<HasMetadata> parse(String multiDocumentYaml) {
    List<HasMetadata> objects = new ArrayList<>();
    try (var documents = yaml.readerFor(JsonNode.class).<JsonNode>readValues(multiDocumentYaml)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document == null || document.isNull() || document.isEmpty()) {
          continue;
        }
        objects.add(parse(document));
      }
    } catch (IOException e) {
      throw new InvalidManifestException("not valid YAML: " + e.getMessage(), e);
    }
    return objects;
  }

  private HasMetadata parse(JsonNode document) {
    String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
    Class<? extends HasMetadata> modelClass = KINDS.get(type);
    String name = document.path("metadata").path("name").asText("<no name>");
    if (modelClass == null && customResources.knows(type)) {
      List<String> errors = customResources.errors(type, document);
      if (!errors.isEmpty()) {
        throw new InvalidManifestException(type + " " + name + " does not match its vendored CRD: " + errors, null);
      }
      try {
        // Checked above; the generic model keeps every field (its any-setter on).
        return new ObjectMapper().treeToValue(document, GenericKubernetesResource.class);
      } catch (JsonProcessingException e) {
        throw new InvalidManifestException(type + " " + name + ": " + e.getOriginalMessage(), e);
      }
    }
    if (modelClass == null) {
      throw new InvalidManifestException(
          type + " " + name + ": not a kind Bookshelf expects (known: " + KINDS.keySet()
              + " and the vendored CRDs under k8s/vendor)", null);
    }
    try {
      return strict.treeToValue(document, modelClass);
    } catch (JsonProcessingException e) {
      throw new InvalidManifestException(type + " " + name + ": " + e.getOriginalMessage()
          + " at " + pathOf(e), e);
    }
  }

  private static String pathOf(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
      return mapping.getPathReference();
    }
    return "?";
  }

  /** Thrown for a manifest the Kubernetes API server would reject or silently change. */
  public static final class InvalidManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidManifestException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Ignores {@code @JsonAnySetter}, so unknown fields fail instead of being collected. */
  private static final class NoAnySetter extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean hasAnySetter(Annotated annotated) {
      return Boolean.FALSE;
    }
  }
}
