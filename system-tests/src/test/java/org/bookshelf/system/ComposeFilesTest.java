package org.bookshelf.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bookshelf.system.support.ComposeModel;
import org.bookshelf.system.support.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compose files against the official compose-spec schema (vendored from compose-go, the
 * loader of Compose v2: src/test/resources/compose-spec/README.md), after interpolation with the
 * files' own defaults, each alone and merged as `-f docker-compose.yml -f docker-compose.postgres.yml`
 * merges them; and what the files promise that a schema cannot say. No Docker needed.
 */
class ComposeFilesTest {

  private static final Schema SCHEMA = loadSchema();
  /** No variable set: every ${VAR:-default} takes its default, as on a fresh checkout. */
  private static final Map<String, String> DEFAULTS = Map.of();

  /**
   * Keys Compose v2 understands that docker-compose 1.29 (this machine's compose) rejects or
   * ignores: a file using one would behave differently for the two.
   */
  private static final Set<String> V2_ONLY_TOP_LEVEL = Set.of("name", "include", "models");
  private static final Set<String> V2_ONLY_SERVICE =
      Set.of("deploy", "develop", "gpus", "models", "provider", "post_start", "pre_stop", "pre_start",
          "use_api_socket", "label_file", "attach", "volumes_from_image");

  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.yml", "docker-compose.postgres.yml"})
  void each_file_alone_is_valid_against_the_compose_spec(String name) {
    assertThat(errors(ComposeModel.file(ProjectFiles.root().resolve(name), DEFAULTS))).as(name).isEmpty();
  }

  @Test
  void the_postgres_variant_merged_over_the_base_is_valid_and_fully_interpolated() {
    JsonNode merged = postgresVariant().tree();

    assertThat(errors(merged)).isEmpty();
    assertThat(merged.toString()).as("no expression left after interpolation").doesNotContain("${");
    assertThat(postgresVariant().serviceNames()).contains("postgres", "books-service", "books-service-2", "books-web", "gateway");
    assertThat(postgresVariant().memoryLimitBytes("books-service-2"))
        .as("books-service-2 inherits books-service's limit through extends")
        .isEqualTo(postgresVariant().memoryLimitBytes("books-service"));
  }

  /** The negative twin: the same files with one key misspelt fail, naming the key. */
  @ParameterizedTest
  @CsvSource({
    "'    mem_limit: 256m', '    mem_limt: 256m', mem_limt",
    "'      interval: 5s', '      intervall: 5s', intervall",
    "'networks:', 'netwoks:', netwoks",
    "'    mem_limit: 256m', '    mem_limit: [256m]', mem_limit"
  })
  void a_misspelt_key_or_a_wrong_type_fails_validation(String original, String broken, String reported) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(ProjectFiles.composeFile()));
    int line = lines.indexOf(original);
    assertThat(line).as("the line to break, '%s', is in docker-compose.yml", original).isNotNegative();
    lines.set(line, broken);

    List<String> errors = errors(ComposeModel.text(String.join("\n", lines), DEFAULTS));

    System.out.printf("[compose-spec] %s: %s%n", broken.strip(), errors);
    assertThat(errors).as("errors of docker-compose.yml with %s", broken.strip()).isNotEmpty().anyMatch(e -> e.contains(reported));
  }

  @Test
  void interpolation_uses_the_environment_before_validation() {
    ComposeModel model = ComposeModel.load(List.of(ProjectFiles.composeFile()), Map.of("BOOKSHELF_PORT", "18080", "BOOKSHELF_IMAGE_TAG", "t1"));

    assertThat(model.service("gateway").path("ports").get(0).asText()).isEqualTo("127.0.0.1:18080:8080");
    assertThat(model.service("books-service").path("image").asText()).isEqualTo("books-service:t1");
    assertThat(model.variables()).contains("BOOKSHELF_PORT", "BOOKSHELF_IMAGE_TAG", "BOOKSHELF_IMAGE_REGISTRY");
    assertThat(errors(model.tree())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void only_the_gateway_publishes_a_port_by_default_on_127_0_0_1_8080_and_the_services_stay_internal(boolean postgres) {
    ComposeModel model = postgres ? postgresVariant() : ComposeModel.load(List.of(ProjectFiles.composeFile()), DEFAULTS);

    List<String> publishing = new ArrayList<>();
    for (String service : model.serviceNames()) {
      if (model.service(service).has("ports")) {
        publishing.add(service);
      }
      if (!service.equals("gateway")) {
        JsonNode networks = model.service(service).path("networks");
        List<String> names = new ArrayList<>();
        if (networks.isArray()) {
          networks.forEach(network -> names.add(network.asText()));
        } else {
          networks.fieldNames().forEachRemaining(names::add);
        }
        assertThat(names).as("networks of %s", service).containsExactly("internal");
      }
    }
    assertThat(publishing).as("services with ports").containsExactly("gateway");
    JsonNode ports = model.service("gateway").path("ports");
    assertThat(ports).hasSize(1);
    assertThat(ports.get(0).asText()).isEqualTo("127.0.0.1:8080:8080");
    assertThat(model.tree().at("/networks/internal/internal").asBoolean()).as("the services' network is internal").isTrue();
  }

  @Test
  void the_files_use_nothing_that_only_compose_v2_understands() {
    JsonNode merged = postgresVariant().tree();

    assertThat(iterable(merged.fieldNames())).as("top-level keys").doesNotContainAnyElementsOf(V2_ONLY_TOP_LEVEL);
    for (String service : postgresVariant().serviceNames()) {
      JsonNode definition = merged.path("services").path(service);
      assertThat(iterable(definition.fieldNames())).as("keys of %s", service).doesNotContainAnyElementsOf(V2_ONLY_SERVICE);
      assertThat(definition.path("healthcheck").has("start_interval")).as("%s healthcheck.start_interval", service).isFalse();
      definition.path("depends_on").forEach(dependency ->
          assertThat(iterable(dependency.fieldNames())).as("depends_on of %s", service).containsOnly("condition"));
    }
  }

  private static ComposeModel postgresVariant() {
    return ComposeModel.load(List.of(ProjectFiles.composeFile(), ProjectFiles.postgresComposeFile()), DEFAULTS);
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  private static List<String> errors(JsonNode document) {
    return SCHEMA.validate(document).stream().map(Error::toString).toList();
  }

  /** From the classpath: the schema's relative {@code $id} needs a base location to resolve against. */
  private static Schema loadSchema() {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
  }
}
