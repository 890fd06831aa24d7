package org.bookshelf.books.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bookshelf.service.Problem;
import org.bookshelf.service.ProblemType;
import org.junit.jupiter.api.Test;

/** The OpenAPI document's Problem schema is the vocabulary and the fields of service-support. */
class ProblemSchemaTest {

  private static JsonNode problemSchema() throws Exception {
    return new ObjectMapper().readTree(OpenApiDocuments.served()).at("/components/schemas/Problem");
  }

  @Test
  void the_type_enum_is_exactly_ProblemType() throws Exception {
    List<String> documented = new ArrayList<>();
    problemSchema().at("/properties/type/enum").forEach(uri -> documented.add(uri.asText()));

    assertThat(documented)
        .containsExactlyElementsOf(Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList());
  }

  @Test
  void every_field_of_a_problem_is_documented_and_requestId_is_required() throws Exception {
    JsonNode schema = problemSchema();
    List<String> properties = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(properties::add);
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(name -> required.add(name.asText()));

    assertThat(properties)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Problem.class.getRecordComponents()).map(c -> c.getName()).toList());
    assertThat(required).contains("type", "title", "status", "detail", "requestId");
    assertThat(schema.at("/properties/requestId/description").asText()).contains("X-Request-ID");
  }
}
