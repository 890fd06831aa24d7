package org.bookshelf.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before Javalin sees the request (a path with invalid UTF-8 such
 * as {@code %c0%ae}, an ambiguous URI, a bad header), as problem+json instead of Jetty's HTML
 * page. Jetty's message is not echoed: the status says what went wrong. Javalin's request id
 * handler has not run, so the id is taken (or made) here, as {@link RequestIds} does.
 */
final class ProblemErrorHandler extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e) {
      status = e.getCode();
      response.setStatus(status);
    }
    String requestId = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
    response.getHeaders().put(RequestIds.HEADER, requestId);
    response.getHeaders().put(ERROR_CACHE_CONTROL);
    if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    String detail =
        status >= 500
            ? "The server failed to handle the request."
            : "The server cannot read this request (for example, its URI is not valid UTF-8).";
    // The path as sent (still percent-encoded): the decoded one is what could not be read.
    String json =
        Problem.forStatus(status, detail, request.getHttpURI().getPath())
            .withRequestId(requestId)
            .toJson();
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
