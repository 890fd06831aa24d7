package org.bookshelf.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bookshelf.system.reliability.BookModel.Book;
import org.bookshelf.system.support.BookListing;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated hostile requests through the gateway to books-service on PostgreSQL (the stricter
 * store: it refuses NUL in text), on the shared PostgreSQL stack with its limits raised. The generator is a seeded {@link Random}: the seed is printed,
 * and {@code -Dbookshelf.hostile.seed=N} replays a run request for request.
 */
@RequiresDocker
@ExtendWith(SharedStack.class)
class HostileInputIT {

  private static final int REQUESTS = 600;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hostile_requests_get_no_5xx_only_problem_json_errors_and_leave_exactly_the_modelled_books(
      @SharedStack.OnPostgres SystemStack stack) throws InterruptedException {
    long seed = Long.getLong("bookshelf.hostile.seed", System.nanoTime());
    System.out.printf("[reliability] hostile input: seed %d (replay: -Dbookshelf.hostile.seed=%d)%n", seed, seed);
    BookModel model = new BookModel();
    BookListing.books(stack.client(), null).forEach((isbn, book) -> model.put(isbn, stored(book)));
    HostileCases cases = new HostileCases(new Random(seed), stack::gatewayUri, SystemStack.API_KEY);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    List<String> violations = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      HostileCase hostile = cases.next(model);
      kinds.merge(hostile.kind().replaceAll("[ '].*", ""), 1, Integer::sum);
      String label = "#" + i + " " + hostile.kind() + " (" + hostile.request().method() + " "
          + HostileCases.abbreviate(hostile.request().uri().getRawPath()) + ")";
      HttpResponse<String> response;
      try {
        response = http.send(hostile.request(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        violations.add(label + ": no answer: " + e);
        continue;
      }
      int status = response.statusCode();
      statuses.merge(status, 1, Integer::sum);
      if (status >= 500) {
        violations.add(label + ": " + status + " " + HostileCases.abbreviate(response.body()));
      }
      if (status >= 400 && !isProblem(response)) {
        violations.add(label + ": " + status + " is not problem+json: "
            + response.headers().firstValue("Content-Type").orElse("(no type)") + " " + HostileCases.abbreviate(response.body()));
      }
      boolean accepted = status >= 200 && status < 300;
      if (accepted != hostile.accepted()) {
        violations.add(label + ": expected " + (hostile.accepted() ? "2xx" : "4xx") + ", got " + status + " "
            + HostileCases.abbreviate(response.body()));
      }
      if (hostile.accepted()) {
        hostile.apply().accept(model);
      }
    }

    Map<String, Book> database = new TreeMap<>();
    BookListing.books(stack.client(), null).forEach((isbn, book) -> database.put(isbn, stored(book)));
    System.out.printf("[reliability] hostile input: %d requests, %d violations, statuses %s, kinds %s, %d books stored (model %d)%n",
        REQUESTS, violations.size(), statuses, kinds, database.size(), model.books().size());
    violations.stream().limit(25).forEach(v -> System.out.println("[reliability]   " + v));

    assertThat(violations).as("requests answered against the contract (seed %d)", seed).isEmpty();
    assertThat(database).as("the database equals the model (seed %d)", seed).isEqualTo(model.books());
  }

  private static Book stored(JsonNode book) {
    JsonNode year = book.path("publicationYear");
    return new Book(book.path("title").asText(), book.path("author").asText(), year.isNumber() ? year.asInt() : null);
  }

  private static boolean isProblem(HttpResponse<String> response) {
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
      return false;
    }
    try {
      JsonNode problem = JSON.readTree(response.body());
      return problem.path("status").asInt() == response.statusCode() && problem.hasNonNull("title");
    } catch (IOException e) {
      return false;
    }
  }
}
