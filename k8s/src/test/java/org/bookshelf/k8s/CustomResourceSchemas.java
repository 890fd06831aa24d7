package org.bookshelf.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The custom resources Bookshelf ships (CloudNativePG's), checked against the openAPIV3Schema of
 * the CRDs vendored under k8s/vendor (their README names release and commit). Checked the way
 * {@code kubectl apply --validate=strict} has the API server do it: besides the schema's types,
 * enums and required fields, a field the schema does not declare is an error, not pruned.
 */
final class CustomResourceSchemas {

  private static final Path VENDORED = Path.of("k8s", "vendor");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Schema> schemas;

  private CustomResourceSchemas(Map<String, Schema> schemas) {
    this.schemas = schemas;
  }

  /** Every served version of every CRD under k8s/vendor, by {@code group/version/Kind}. */
  static CustomResourceSchemas vendored() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    Map<String, Schema> schemas = new HashMap<>();
    try (Stream<Path> files = Files.walk(Repository.path(VENDORED.toString()))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        JsonNode crd = YAML.readTree(file.toFile());
        if (!crd.path("kind").asText().equals("CustomResourceDefinition")) {
          continue;
        }
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
          if (version.path("served").asBoolean()) {
            JsonNode schema = strict(version.path("schema").path("openAPIV3Schema").deepCopy());
            schemas.put(group + "/" + version.path("name").asText() + "/" + kind, registry.getSchema(schema));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CustomResourceSchemas(schemas);
  }

  /** Whether a schema is vendored for this {@code apiVersion/kind}. */
  boolean knows(String apiVersionAndKind) {
    return schemas.containsKey(apiVersionAndKind);
  }

  /** What the API server would reject in {@code document}; empty when it is valid. */
  List<String> errors(String apiVersionAndKind, JsonNode document) {
    Schema schema = Optional.ofNullable(schemas.get(apiVersionAndKind))
        .orElseThrow(() -> new IllegalArgumentException("no vendored CRD for " + apiVersionAndKind));
    return schema.validate(document).stream().map(Error::toString).toList();
  }

  /**
   * Closes every object that declares its properties (unless it asks to keep unknown fields):
   * a misspelt field then fails instead of vanishing. {@code metadata} stays open, as the API
   * server checks it on its own.
   */
  private static JsonNode strict(JsonNode schema) {
    if (schema instanceof ObjectNode object) {
      if (object.has("properties") && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
        object.put("additionalProperties", false);
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        strict(fields.next().getValue());
      }
    } else if (schema.isArray()) {
      schema.forEach(CustomResourceSchemas::strict);
    }
    return schema;
  }
}
