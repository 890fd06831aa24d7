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
 * page. Jetty's message is not echoed: the status says what went wrong.
 */
final class ProblemErrorHandler extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e) {
      status = e.getCode();
      response.setStatus(status);
    }
    response.getHeaders().put(ERROR_CACHE_CONTROL);
    if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    ProblemType type = ProblemType.forStatus(status);
    String title = type.status() == status ? type.title() : HttpStatus.getMessage(status);
    String detail =
        status >= 500
            ? "The server failed to handle the request."
            : "The server cannot read this request (for example, its URI is not valid UTF-8).";
    String json =
        "{\"type\":\"" + (type.status() == status ? type.uri() : "about:blank")
            + "\",\"title\":\"" + title
            + "\",\"status\":" + status
            + ",\"detail\":\"" + detail + "\"}";
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
