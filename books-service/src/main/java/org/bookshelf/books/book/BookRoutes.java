package org.bookshelf.books.book;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import org.bookshelf.books.http.JsonBodies;
import org.bookshelf.books.http.Preconditions;
import org.bookshelf.service.IdentityHeaders;
import org.bookshelf.service.Problem.FieldError;
import org.bookshelf.service.ProblemException;
import org.bookshelf.service.ProblemType;

/** The {@code /books} endpoints: HTTP in and out; the rules live in {@link BookService}. */
public final class BookRoutes {

  public static final String COLLECTION = "/books";
  public static final String ITEM = "/books/{isbn}";
  private static final int MAX_QUERY_LENGTH = BookDraft.MAX_TEXT_LENGTH;

  private final BookService service;
  private final JsonBodies bodies;

  public BookRoutes(BookService service, JsonBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  public void install(JavalinConfig config) {
    config.routes.get(COLLECTION, this::list);
    config.routes.post(COLLECTION, this::create);
    config.routes.get(ITEM, this::get);
    config.routes.put(ITEM, this::replace);
    config.routes.delete(ITEM, this::delete);
  }

  private void list(Context ctx) {
    BookQuery query = query(ctx);
    BookPage page = service.list(query);
    if (page.hasMore()) {
      Isbn last = page.books().get(page.books().size() - 1).isbn();
      ctx.header("Link", "<" + nextPage(query, last) + ">; rel=\"next\"");
    }
    ctx.json(page.books().stream().map(BookResponse::of).toList());
  }

  private void get(Context ctx) {
    Book book = service.get(pathIsbn(ctx));
    respond(ctx, book);
  }

  private void create(Context ctx) {
    BookRequest.Created request = BookRequest.forCreate(bodies.read(ctx));
    Book book = service.create(request.isbn(), request.draft(), caller(ctx));
    ctx.status(201).header("Location", COLLECTION + "/" + book.isbn());
    respond(ctx, book);
  }

  private void replace(Context ctx) {
    Isbn isbn = pathIsbn(ctx);
    Long expected = Preconditions.requiredVersion(ctx);
    BookDraft draft = BookRequest.forReplace(bodies.read(ctx), isbn);
    respond(ctx, service.replace(isbn, expected, draft, caller(ctx)));
  }

  /**
   * Who writes, as the gateway names them. Trusted only because nothing but the gateway reaches
   * books-service, and the gateway always sets or clears the header (docs/auth.md).
   */
  private static String caller(Context ctx) {
    String name = ctx.header(IdentityHeaders.NAME);
    return name == null || name.isBlank() ? null : name.strip();
  }

  private void delete(Context ctx) {
    Isbn isbn = pathIsbn(ctx);
    service.delete(isbn, Preconditions.requiredVersion(ctx));
    ctx.status(204);
  }

  private static void respond(Context ctx, Book book) {
    ctx.header("ETag", Preconditions.etag(book.version())).json(BookResponse.of(book));
  }

  private static Isbn pathIsbn(Context ctx) {
    return Isbn.parse(ctx.pathParam("isbn"))
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemType.VALIDATION,
                    "'" + ctx.pathParam("isbn") + "' is not a valid ISBN-10 or ISBN-13.",
                    List.of(new FieldError("isbn", "is not a valid ISBN-10 or ISBN-13"))));
  }

  private static BookQuery query(Context ctx) {
    String text = optional(ctx, "q");
    String author = optional(ctx, "author");
    String limitText = optional(ctx, "limit");
    String afterText = optional(ctx, "after");
    int limit = BookQuery.DEFAULT_LIMIT;
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > BookQuery.MAX_LIMIT) {
        throw invalidParameter("limit", "must be an integer from 1 to " + BookQuery.MAX_LIMIT);
      }
    }
    Isbn after = null;
    if (afterText != null) {
      after =
          Isbn.parse(afterText)
              .orElseThrow(() -> invalidParameter("after", "is not a valid ISBN"));
    }
    return new BookQuery(text, author, after, limit);
  }

  private static String optional(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_QUERY_LENGTH) {
      throw invalidParameter(name, "must be at most " + MAX_QUERY_LENGTH + " characters");
    }
    return value.strip();
  }

  private static ProblemException invalidParameter(String name, String message) {
    return new ProblemException(
        ProblemType.VALIDATION,
        "Query parameter '" + name + "' " + message + ".",
        List.of(new FieldError(name, message)));
  }

  /** Relative, so it works unchanged behind the gateway; the web app follows it verbatim. */
  private static String nextPage(BookQuery query, Isbn last) {
    StringJoiner params = new StringJoiner("&", COLLECTION + "?", "");
    params.add("limit=" + query.limit());
    params.add("after=" + last);
    if (query.text() != null) {
      params.add("q=" + encode(query.text()));
    }
    if (query.author() != null) {
      params.add("author=" + encode(query.author()));
    }
    return params.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
