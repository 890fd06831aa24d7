package org.bookshelf.books;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.bookshelf.books.book.BookRepository;
import org.bookshelf.books.book.BookRoutes;
import org.bookshelf.books.book.BookService;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.Migrations;
import org.bookshelf.books.http.ErrorMapping;
import org.bookshelf.books.http.JsonBodies;
import org.bookshelf.books.http.OpenApiRoute;
import org.bookshelf.service.StandardService;

/**
 * The one wiring of books-service, shared by {@link Main} and the tests: migrate the database
 * behind the data source it is handed, then repository, service and routes inside
 * {@code Javalin.create}. Not started.
 */
public final class BooksApp {

  /** 1 MiB: larger bodies get 413 before they are parsed. */
  public static final long MAX_REQUEST_BYTES = 1024 * 1024;

  private BooksApp() {}

  public static Javalin create(
      ServiceConfig config, DataSource dataSource, PrometheusMeterRegistry registry) {
    Migrations.run(dataSource, config.seedSampleData());
    ObjectMapper mapper = objectMapper();
    BookRepository repository = new BookRepository(dataSource);
    BookRoutes books =
        new BookRoutes(new BookService(repository, Clock.systemUTC()), new JsonBodies(mapper));
    return Javalin.create(
        cfg -> {
          cfg.jsonMapper(new JavalinJackson(mapper, false));
          cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
          StandardService.configure(cfg, config.common(), registry, repository::ping);
          ErrorMapping.install(cfg);
          OpenApiRoute.install(cfg, config.oidcIssuer());
          books.install(cfg);
        });
  }

  /** Strict reading: duplicate keys and trailing garbage are malformed JSON, not "last wins". */
  static ObjectMapper objectMapper() {
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }
}
