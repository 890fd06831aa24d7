package org.bookshelf.service;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error as {@code application/problem+json}: {@link ProblemException}, Javalin's own
 * responses (unknown route 404, 405, 413 …), Jetty's own (a URI it cannot decode) and any
 * unexpected exception (500, logged here with its stack trace, never sent to the client).
 */
public final class ProblemResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {}

  public static void install(JavalinConfig config) {
    config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
    config.routes.exception(
        ProblemException.class,
        (e, ctx) -> write(ctx, Problem.of(e.type(), e.getMessage(), ctx.path(), e.errors())));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> write(ctx, Problem.forStatus(e.getStatus(), detail(e, ctx), ctx.path())));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected error on {} {}", ctx.method().name(), ctx.path(), e);
          write(
              ctx,
              Problem.of(
                  ProblemType.INTERNAL,
                  "The server failed to handle the request; the request id is in the log.",
                  ctx.path()));
        });
  }

  /** Sends the problem with the request's id as its {@code requestId}. */
  public static void write(Context ctx, Problem problem) {
    ctx.status(problem.status())
        .contentType(Problem.CONTENT_TYPE)
        .result(problem.withRequestId(RequestIds.of(ctx)).toJson());
  }

  private static String detail(HttpResponseException e, Context ctx) {
    return switch (e.getStatus()) {
      case 404 -> "No resource at " + ctx.path() + ".";
      case 405 -> "Method " + ctx.method().name() + " is not allowed on " + ctx.path() + ".";
      case 413 -> "The request body is larger than the server accepts.";
      default -> e.getMessage();
    };
  }
}
