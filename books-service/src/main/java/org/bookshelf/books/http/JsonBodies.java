package org.bookshelf.books.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Locale;
import org.bookshelf.service.ProblemException;
import org.bookshelf.service.ProblemType;

/** Reads a request body as JSON: 415 unless it says it is JSON, 400 when it is not JSON. */
public final class JsonBodies {

  private final ObjectMapper mapper;

  public JsonBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public JsonNode read(Context ctx) {
    String type = ctx.header("Content-Type");
    String mediaType =
        type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new ProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "The request body must be sent as Content-Type: application/json"
              + (type == null ? "; none was given." : ", not " + type + "."));
    }
    // Reading the body enforces the size limit (413) before anything is parsed.
    byte[] body = ctx.bodyAsBytes();
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body is empty.");
      }
      return node;
    } catch (StreamConstraintsException e) {
      // Jackson's read limits (nesting depth 1000, number and string lengths) carry no location.
      throw new ProblemException(
          ProblemType.MALFORMED_JSON,
          "The request body exceeds a JSON parsing limit (nesting deeper than "
              + mapper.getFactory().streamReadConstraints().getMaxNestingDepth()
              + " levels, or an over-long number or name).");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ProblemException(
          ProblemType.MALFORMED_JSON,
          at == null
              ? "The request body is not valid JSON."
              : "The request body is not valid JSON (line "
                  + at.getLineNr()
                  + ", column "
                  + at.getColumnNr()
                  + ").");
    } catch (java.io.IOException e) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body cannot be read.");
    }
  }
}
