package org.bookshelf.service;

import io.javalin.http.Context;

/** Told once about every finished request, after the response status is known. */
@FunctionalInterface
public interface RequestListener {
  void finished(Context ctx, String route, double durationMs);
}
