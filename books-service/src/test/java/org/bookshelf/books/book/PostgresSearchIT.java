package org.bookshelf.books.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bookshelf.books.BooksTestApp;
import org.bookshelf.books.GeneratedBooks;
import org.bookshelf.books.PostgresDatabase;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.DataSources;
import org.bookshelf.books.db.Migrations;
import org.bookshelf.service.Metrics;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search that scales on PostgreSQL: with 200 000 books, every query shape the API can produce
 * (the SQL comes from {@link BookRepository}, planned on the service's own pool with its session
 * settings) is answered through an index; and a query over the statement timeout answers 503.
 */
@RequiresDocker
class PostgresSearchIT {

  private static final int BOOKS = 200_000;
  /** No node of a plan may discard more rows than this (1 % of the table) after reading them. */
  private static final int MOST_ROWS_DISCARDED = BOOKS / 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();

  @BeforeAll
  static void fill() throws Exception {
    DataSource direct = postgres.dataSource();
    Migrations.run(direct, false);
    GeneratedBooks.insert(direct, BOOKS);
    try (Connection c = direct.getConnection(); Statement s = c.createStatement()) {
      s.execute("ANALYZE books");
    }
  }

  private static Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(postgres.environment());
    env.put("SEED_SAMPLE_DATA", "false");
    env.put("SHUTDOWN_TIMEOUT_SECONDS", "0");
    env.putAll(extra);
    return env;
  }

  @Test
  void no_query_shape_scans_the_books_table() throws Exception {
    // The pool's own session settings (custom plans), without the time bound: this test is about
    // plans, and EXPLAIN ANALYZE on a busy machine is no timing.
    ServiceConfig config = ServiceConfig.from(env(Map.of("DB_STATEMENT_TIMEOUT_MS", "0")));
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    try (HikariDataSource pool = DataSources.create(config, registry);
        Connection c = pool.getConnection()) {
      List<String> problems = new ArrayList<>();
      for (BookRepository.Select select : shapes()) {
        JsonNode plan = explain(c, select);
        List<String> scans = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        long discarded = visit(plan, scans, reads);
        System.out.printf("plan %s limit %s: %s, discards %d rows%n", select.args(),
            select.sql().replaceAll(".* LIMIT ", ""), reads, discarded);
        if (!scans.isEmpty() || discarded > MOST_ROWS_DISCARDED) {
          problems.add(select.args() + " " + select.sql() + "\n  scans " + scans + ", discards "
              + discarded + " rows:\n" + plan.toPrettyString());
        }
      }
      assertThat(problems).as("plans that read the whole table").isEmpty();
    } finally {
      registry.close();
    }
  }

  /** Every filter combination, with values that match many, few and no books; and the lookup. */
  private static List<BookRepository.Select> shapes() {
    List<BookRepository.Select> shapes = new ArrayList<>();
    shapes.add(new BookRepository.Select(BookRepository.FIND_SQL, List.of(GeneratedBooks.isbn(BOOKS / 3))));
    List<String> texts =
        Arrays.asList(null, GeneratedBooks.FREQUENT_WORD, "volume 12345", GeneratedBooks.MISSING_WORD);
    List<String> authors = Arrays.asList(null, GeneratedBooks.author(42), "Nobody Wrote This");
    List<Isbn> afters = Arrays.asList(null, Isbn.parse(GeneratedBooks.isbn(BOOKS / 2)).orElseThrow());
    for (String text : texts) {
      for (String author : authors) {
        for (Isbn after : afters) {
          for (int limit : new int[] {BookQuery.DEFAULT_LIMIT, BookQuery.MAX_LIMIT}) {
            shapes.add(BookRepository.listSelect(new BookQuery(text, author, after, limit)));
          }
        }
      }
    }
    return shapes;
  }

  private static JsonNode explain(Connection c, BookRepository.Select select) throws Exception {
    try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + select.sql())) {
      select.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return JSON.readTree(rs.getString(1)).get(0).get("Plan");
      }
    }
  }

  /**
   * Collects sequential scans of books and what each node reads (its type and index); returns the
   * most rows one node discarded by its filter.
   */
  private static long visit(JsonNode node, List<String> seqScans, List<String> reads) {
    String type = node.path("Node Type").asText();
    if (type.equals("Seq Scan") && node.path("Relation Name").asText().equals("books")) {
      seqScans.add("Seq Scan on books");
    }
    if (type.contains("Scan")) {
      reads.add(type + (node.has("Index Name") ? " " + node.get("Index Name").asText() : ""));
    }
    long most = node.path("Rows Removed by Filter").asLong(0) * Math.max(1, node.path("Actual Loops").asLong(1));
    for (JsonNode child : node.path("Plans")) {
      most = Math.max(most, visit(child, seqScans, reads));
    }
    return most;
  }

  @Test
  void a_query_over_the_statement_timeout_answers_503_with_retry_after() throws Exception {
    // A two-letter pattern has no trigram, so no index can serve it: every row is read (about
    // 40 ms here), over a 10 ms bound. The lookup by ISBN on the same table stays inside it.
    try (BooksTestApp api = new BooksTestApp(env(Map.of("DB_STATEMENT_TIMEOUT_MS", "10")))) {
      HttpResponse<String> slow = api.get("/books?q=qz");
      assertThat(slow.statusCode()).as(slow.body()).isEqualTo(503);
      assertThat(slow.headers().firstValue("Retry-After")).contains("5");
      assertThat(slow.body()).contains("\"type\":\"https://bookshelf.example/problems/service-unavailable\"");
      assertThat(BooksTestApp.validate(slow).getMessages()).isEmpty();

      HttpResponse<String> fast = api.get("/books/" + GeneratedBooks.isbn(BOOKS / 2));
      assertThat(fast.statusCode()).as(fast.body()).isEqualTo(200);
    }
  }
}
