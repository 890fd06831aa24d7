package org.bookshelf.system.signin;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.bookshelf.system.support.GatewayClient;

/**
 * The OpenAPI document as the gateway serves it, as a validator of real exchanges. Read with
 * 3.0 semantics, as books-service's tests do (docs/adr/0003): the library skips type checks on a
 * 3.1 document.
 */
final class ServedDocument {

  private final OpenApiInteractionValidator validator;
  private final JsonNode document;

  private ServedDocument(String document) {
    this.document = Tokens.read(document);
    validator = OpenApiInteractionValidator
        .createForInlineApiSpecification(document.replace("\"openapi\": \"3.1.0\"", "\"openapi\": \"3.0.3\""))
        .build();
  }

  static ServedDocument fetch(GatewayClient api) {
    HttpResponse<String> response = api.get("/openapi.json");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /openapi.json answered " + response.statusCode());
    }
    return new ServedDocument(response.body());
  }

  /**
   * The security schemes of which an operation needs one; empty when it is public. Read from the
   * document because the validator cannot check an openIdConnect requirement: it counts it as met,
   * so it finds nothing wrong with a write that has no credential.
   */
  List<String> credentialsFor(String operationId) {
    List<String> schemes = new ArrayList<>();
    document.path("paths").forEach(item -> item.forEach(operation -> {
      if (operation.path("operationId").asText().equals(operationId)) {
        operation.path("security").forEach(requirement -> {
          if (requirement.isEmpty()) {
            throw new IllegalStateException(operationId + " allows a request without a credential");
          }
          requirement.fieldNames().forEachRemaining(schemes::add);
        });
      }
    }));
    return schemes;
  }

  /** What the document says is wrong with the request as sent. */
  ValidationReport request(HttpRequest request, String body) {
    SimpleRequest.Builder builder =
        new SimpleRequest.Builder(Request.Method.valueOf(request.method()), request.uri().getRawPath());
    request.headers().map().forEach((name, values) -> builder.withHeader(name, values));
    if (request.uri().getRawQuery() != null) {
      for (String pair : request.uri().getRawQuery().split("&")) {
        String[] parts = pair.split("=", 2);
        builder.withQueryParam(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    if (body != null) {
      builder.withBody(body);
    }
    return validator.validateRequest(builder.build());
  }

  /** What the document says is wrong with the response to that request. */
  ValidationReport response(HttpResponse<String> response) {
    SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
    response.headers().map().forEach((name, values) -> builder.withHeader(name, List.copyOf(values)));
    if (!response.body().isEmpty()) {
      builder.withBody(response.body());
    }
    HttpRequest request = response.request();
    return validator.validateResponse(
        request.uri().getRawPath(), Request.Method.valueOf(request.method()), builder.build());
  }
}
