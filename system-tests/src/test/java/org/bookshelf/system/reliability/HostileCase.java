package org.bookshelf.system.reliability;

import java.net.http.HttpRequest;
import java.util.function.Consumer;

/**
 * One generated request and what should become of it: {@code accepted} says whether the books
 * API must take it (2xx) or refuse it (4xx); {@code apply} changes the model of the database
 * when it is taken.
 */
record HostileCase(String kind, HttpRequest request, boolean accepted, Consumer<BookModel> apply) {

  static HostileCase refused(String kind, HttpRequest request) {
    return new HostileCase(kind, request, false, model -> {});
  }
}
