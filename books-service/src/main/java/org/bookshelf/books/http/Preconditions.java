package org.bookshelf.books.http;

import io.javalin.http.Context;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bookshelf.service.ProblemException;
import org.bookshelf.service.ProblemType;

/**
 * ETags are the book's version as a strong tag ({@code "3"}). Changes need {@code If-Match}:
 * missing is 428, so no client overwrites a change it has not seen; {@code *} matches any
 * version; a weak or malformed tag can never match strongly (412).
 */
public final class Preconditions {

  private static final Pattern STRONG = Pattern.compile("^\"(\\d{1,18})\"$");

  private Preconditions() {}

  public static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** The version If-Match requires, or null for {@code *}. */
  public static Long requiredVersion(Context ctx) {
    String header = ctx.header("If-Match");
    if (header == null || header.isBlank()) {
      throw new ProblemException(
          ProblemType.PRECONDITION_REQUIRED,
          "This request needs an If-Match header with the book's current ETag (or *).");
    }
    String value = header.strip();
    if (value.equals("*")) {
      return null;
    }
    Matcher matcher = STRONG.matcher(value);
    if (!matcher.matches()) {
      throw new ProblemException(
          ProblemType.PRECONDITION_FAILED,
          "If-Match " + value + " does not match the book's ETag; send the ETag from a GET.");
    }
    return Long.parseLong(matcher.group(1));
  }
}
