package org.bookshelf.system.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every stored book, read through the gateway page by page (following {@code Link: rel="next"}). */
public final class BookListing {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  private BookListing() {}

  /** ISBN-13 → book, for every book whose title or author contains {@code text} (null: all). */
  public static Map<String, JsonNode> books(GatewayClient api, String text) {
    Map<String, JsonNode> books = new LinkedHashMap<>();
    String path = "/books?limit=100" + (text == null ? "" : "&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
    while (path != null) {
      HttpResponse<String> page = api.get(path);
      if (page.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + page.statusCode() + ": " + page.body());
      }
      for (JsonNode book : read(page.body())) {
        if (books.put(book.path("isbn").asText(), book) != null) {
          throw new IllegalStateException("the listing holds " + book.path("isbn").asText() + " twice");
        }
      }
      List<String> links = page.headers().allValues("Link");
      path = null;
      for (String link : links) {
        Matcher next = NEXT.matcher(link);
        if (next.find()) {
          path = next.group(1);
        }
      }
    }
    return books;
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
