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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validates custom resources against the vendored CRDs (src/test/resources/crds, README there):
 * the {@code v1} openAPIV3Schema of each kind, made strict: an object schema that names its
 * properties rejects any other (the API server would prune them silently), unless it says
 * {@code x-kubernetes-preserve-unknown-fields}.
 */
final class CrdSchemas {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Schema> byKind = new HashMap<>();

  CrdSchemas(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        JsonNode crd = YAML.readTree(file.toFile());
        String kind = crd.at("/spec/names/kind").asText();
        String group = crd.at("/spec/group").asText();
        for (JsonNode version : crd.at("/spec/versions")) {
          JsonNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
          strict(schema);
          byKind.put(group + "/" + version.path("name").asText() + "/" + kind,
              SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean knows(JsonNode resource) {
    return byKind.containsKey(key(resource));
  }

  /** The schema's complaints about {@code resource}; empty when valid. */
  List<String> errors(JsonNode resource) {
    Schema schema = byKind.get(key(resource));
    if (schema == null) {
      return List.of("no vendored CRD for " + key(resource));
    }
    return schema.validate(resource).stream().map(Error::toString).toList();
  }

  private static String key(JsonNode resource) {
    return resource.path("apiVersion").asText() + "/" + resource.path("kind").asText();
  }

  private static void strict(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties")
          && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
      object.elements().forEachRemaining(CrdSchemas::strict);
    } else if (node != null && node.isArray()) {
      node.forEach(CrdSchemas::strict);
    }
  }
}
