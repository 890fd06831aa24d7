package org.bookshelf.books.http;

import io.javalin.config.JavalinConfig;
import org.bookshelf.books.book.BookNotFoundException;
import org.bookshelf.books.book.DuplicateBookException;
import org.bookshelf.books.book.StaleVersionException;
import org.bookshelf.books.db.QueryTimeoutException;
import org.bookshelf.books.db.StorageException;
import org.bookshelf.books.db.StorageUnavailableException;
import org.bookshelf.service.Problem;
import org.bookshelf.service.ProblemResponses;
import org.bookshelf.service.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Domain and storage exceptions to problem+json; the shared mapper handles everything else. */
public final class ErrorMapping {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
  private static final String RETRY_AFTER_SECONDS = "5";

  private ErrorMapping() {}

  public static void install(JavalinConfig config) {
    config.routes.exception(
        BookNotFoundException.class,
        (e, ctx) ->
            ProblemResponses.write(
                ctx, Problem.of(ProblemType.NOT_FOUND, e.getMessage(), ctx.path())));
    config.routes.exception(
        DuplicateBookException.class,
        (e, ctx) ->
            ProblemResponses.write(
                ctx, Problem.of(ProblemType.CONFLICT, e.getMessage(), ctx.path())));
    config.routes.exception(
        StaleVersionException.class,
        (e, ctx) ->
            ProblemResponses.write(
                ctx, Problem.of(ProblemType.PRECONDITION_FAILED, e.getMessage(), ctx.path())));
    config.routes.exception(
        StorageUnavailableException.class,
        (e, ctx) -> {
          LOG.warn("database unavailable: {}", String.valueOf(e.getCause()));
          ctx.header("Retry-After", RETRY_AFTER_SECONDS);
          ProblemResponses.write(
              ctx,
              Problem.of(
                  ProblemType.SERVICE_UNAVAILABLE,
                  "The database is not available; retry later.",
                  ctx.path()));
        });
    config.routes.exception(
        QueryTimeoutException.class,
        (e, ctx) -> {
          LOG.warn("statement timeout on {} {}", ctx.method().name(), ctx.path());
          ctx.header("Retry-After", RETRY_AFTER_SECONDS);
          ProblemResponses.write(
              ctx,
              Problem.of(
                  ProblemType.SERVICE_UNAVAILABLE,
                  "The request needed more database time than the service allows; retry later"
                      + " or narrow the search.",
                  ctx.path()));
        });
    config.routes.exception(
        StorageException.class,
        (e, ctx) -> {
          LOG.error("database error on {} {}", ctx.method().name(), ctx.path(), e);
          ProblemResponses.write(
              ctx,
              Problem.of(
                  ProblemType.INTERNAL,
                  "The server failed to handle the request; the request id is in the log.",
                  ctx.path()));
        });
  }
}
