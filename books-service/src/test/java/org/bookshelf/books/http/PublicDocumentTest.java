package org.bookshelf.books.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The served document is the API as clients meet it through the gateway. */
class PublicDocumentTest {

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  private static JsonNode document() throws Exception {
    return new ObjectMapper().readTree(OpenApiDocuments.served());
  }

  private static List<Map.Entry<String, JsonNode>> operations(JsonNode document) {
    List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
    document.path("paths").properties().forEach(path -> path.getValue().properties().stream()
        .filter(method -> METHODS.contains(method.getKey()))
        .forEach(method -> operations.add(Map.entry(method.getKey(), method.getValue()))));
    return operations;
  }

  @Test
  void only_the_books_routes_are_operations_and_servers_point_at_the_gateway() throws Exception {
    JsonNode document = document();
    List<String> paths = new ArrayList<>();
    document.path("paths").fieldNames().forEachRemaining(paths::add);

    assertThat(paths).containsExactly("/books", "/books/{isbn}");
    assertThat(document.at("/servers/0/url").asText()).isEqualTo("/");
  }

  @Test
  void reads_are_public_and_writes_need_a_token_or_an_api_key() throws Exception {
    JsonNode document = document();
    for (Map.Entry<String, JsonNode> operation : operations(document)) {
      JsonNode security = operation.getValue().path("security");
      List<String> schemes = new ArrayList<>();
      security.forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
      if (operation.getKey().equals("get")) {
        assertThat(security.isArray() && security.isEmpty()).as(operation.toString()).isTrue();
      } else {
        assertThat(schemes).as(operation.getValue().path("operationId").asText())
            .containsExactly("openIdConnect", "apiKey");
        assertThat(operation.getValue().path("responses").has("401")).isTrue();
        assertThat(operation.getValue().path("responses").has("403")).isTrue();
      }
    }
    assertThat(document.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
  }

  @Test
  void every_operation_lists_the_gateways_own_refusals() throws Exception {
    for (Map.Entry<String, JsonNode> operation : operations(document())) {
      assertThat(operation.getValue().path("responses").fieldNames())
          .toIterable()
          .as(operation.getValue().path("operationId").asText())
          .contains("429", "502", "503", "504");
    }
  }

  @Test
  void with_an_issuer_the_openid_connect_scheme_names_its_discovery_document() throws Exception {
    byte[] served = OpenApiRoute.forIssuer(OpenApiRoute.load(), "https://login.example.com/realms/books");

    assertThat(new ObjectMapper().readTree(served).at("/components/securitySchemes/openIdConnect/openIdConnectUrl").asText())
        .isEqualTo("https://login.example.com/realms/books/.well-known/openid-configuration");
  }

  @Test
  void without_an_issuer_it_names_the_local_providers_discovery_under_the_gateway() throws Exception {
    assertThat(document().at("/components/securitySchemes/openIdConnect/openIdConnectUrl").asText())
        .isEqualTo("/auth/realms/bookshelf/.well-known/openid-configuration");
  }
}
