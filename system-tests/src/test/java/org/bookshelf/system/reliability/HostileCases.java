package org.bookshelf.system.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.bookshelf.system.Isbns;
import org.bookshelf.system.reliability.BookModel.Book;

/**
 * Generates hostile requests for the books API from one seeded {@link Random}, each with the
 * outcome the API contract prescribes given the current {@link BookModel}. Every kind of input
 * is built so that exactly one thing about it decides the outcome.
 */
final class HostileCases {

  /** Strings attackers and broken clients send: SQL, paths, markup, templates, odd Unicode. */
  static final List<String> NASTY =
      List.of(
          "' OR '1'='1", "1; DROP TABLE books; --", "\" OR 1=1 --", "' UNION SELECT * FROM flyway_schema_history --",
          "%' AND 1=0 --", "_%_", "\\", "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f", "....//....//",
          "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "%s%s%s%n", "\u0007\u0008\u001b[31m",
          "\r\nX-Injected: 1", "😀📚👩‍💻", "\u202Egnp.exe", "e\u0301\u0308", "\uFEFFbom", "zero\u200Bwidth\u200D",
          "ｆｕｌｌｗｉｄｔｈ", "١٢٣٤٥٦٧٨٩٠١٢٣", "𝟗𝟕𝟖𝟎𝟑𝟎𝟔𝟒𝟎𝟔𝟏𝟓𝟕", "null", "undefined", "NaN", "-1", "日本語の本",
          "עברית ועוד", "\t tabs and spaces \t");

  private static final List<String> BROKEN_JSON =
      List.of(
          "{", "}", "{\"isbn\":", "{\"isbn\":\"9780306406157\",}", "{'isbn':'9780306406157'}", "{isbn:1}",
          "{\"isbn\":\"9780306406157\" \"title\":\"x\"}", "{\"title\":NaN}", "{\"title\":Infinity}", "{\"a\":1}}",
          "[1,2", "{\"title\":\"unterminated}", "/* comment */ {}", "{\"title\":\"\\x41\"}", "{\"title\":\"\\u12\"}",
          "\u0000", "tru", "{\"isbn\":\"9780306406157\",\"title\":\"x\",\"author\":\"y\"} trailing", "{\"\":}");

  private static final List<String> BAD_ISBNS =
      List.of(
          "9780306406158", "978030640615", "97803064061570", "978-0-306-40615-8", "0306406153", "030640615X0",
          "X306406152", "9770306406157", "abcdefghijklm", "", " ", "978 0306 40615 7 9", "0-306-40615-",
          "9".repeat(33), "978030640615７", "٩٧٨٠٣٠٦٤٠٦١٥٧", "12345", "0000000000000", "978-0306406157" + "-".repeat(20));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Random random;
  private final Function<String, URI> uri;
  private final String key;

  HostileCases(Random random, Function<String, URI> uri, String key) {
    this.random = random;
    this.uri = uri;
    this.key = key;
  }

  HostileCase next(BookModel model) {
    return switch (random.nextInt(18)) {
      case 0, 1 -> validPost(model);
      case 2 -> duplicatePost(model);
      case 3 -> wrongType();
      case 4 -> unknownField();
      case 5 -> badIsbn();
      case 6 -> brokenJson();
      case 7 -> deepNesting();
      case 8 -> emptyOrNotAnObject();
      case 9 -> bigBody();
      case 10 -> wrongContentType();
      case 11 -> missingOrWrongKey();
      case 12 -> nastyPath();
      case 13 -> query();
      case 14 -> oddMethod();
      case 15 -> oversizedHeader();
      case 16 -> put(model);
      default -> delete(model);
    };
  }

  private HostileCase validPost(BookModel model) {
    String isbn13 = random.nextBoolean() ? Isbns.next(random) : isbn978();
    String sent = random.nextInt(3) == 0 && isbn13.startsWith("978") ? isbn10Spelling(isbn13) : hyphenated(isbn13);
    String title = text();
    String author = text();
    Integer year = random.nextBoolean() ? null : List.of(1, 9999, 1999, 2024, 42).get(random.nextInt(5));
    Map<String, Object> body = body(sent, title, author);
    if (year != null) {
      body.put("publicationYear", year);
    }
    boolean accepted = !model.contains(isbn13) && acceptableText(title) && acceptableText(author);
    return new HostileCase("valid POST", post(json(body), "application/json", key), accepted,
        m -> m.put(isbn13, new Book(title.strip(), author.strip(), year)));
  }

  private HostileCase duplicatePost(BookModel model) {
    String existing = model.any(random);
    if (existing == null) {
      return badIsbn();
    }
    return HostileCase.refused("duplicate POST", post(json(body(existing, "Again", "Someone")), "application/json", key));
  }

  private HostileCase wrongType() {
    Map<String, Object> body = body(Isbns.next(random), "Title", "Author");
    String field = List.of("isbn", "title", "author", "publicationYear").get(random.nextInt(4));
    List<Object> wrong = List.of(42, 3.5, true, List.of("a"), Map.of("x", 1), "1999", 1e300, -5, 0, 10000, Long.MAX_VALUE);
    Object value = wrong.get(random.nextInt(wrong.size()));
    if (field.equals("publicationYear") && value instanceof Integer i && i >= 1 && i <= 9999) {
      value = "1999";
    } else if (!field.equals("publicationYear") && value instanceof String) {
      value = 1999; // a string is the right type for isbn, title and author
    }
    body.put(field, value);
    return HostileCase.refused("wrong type of " + field, post(json(body), "application/json", key));
  }

  private HostileCase unknownField() {
    Map<String, Object> body = body(Isbns.next(random), "Title", "Author");
    body.put(List.of("id", "__proto__", "version", "ISBN", "title ", "$where").get(random.nextInt(6)), "x");
    return HostileCase.refused("unknown field", post(json(body), "application/json", key));
  }

  private HostileCase badIsbn() {
    String isbn = random.nextBoolean() ? BAD_ISBNS.get(random.nextInt(BAD_ISBNS.size())) : NASTY.get(random.nextInt(NASTY.size()));
    return HostileCase.refused("bad ISBN", post(json(body(isbn, "Title", "Author")), "application/json", key));
  }

  private HostileCase brokenJson() {
    return HostileCase.refused("broken JSON", post(BROKEN_JSON.get(random.nextInt(BROKEN_JSON.size())), "application/json", key));
  }

  private HostileCase deepNesting() {
    int depth = List.of(1_001, 5_000, 50_000, 200_000).get(random.nextInt(4));
    String json =
        random.nextBoolean()
            ? "[".repeat(depth) + "]".repeat(depth)
            : "{\"isbn\":\"" + Isbns.next(random) + "\",\"title\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + ",\"author\":\"x\"}";
    return HostileCase.refused("nested " + depth, post(json, "application/json", key));
  }

  private HostileCase emptyOrNotAnObject() {
    String body = List.of("", " ", "null", "[]", "\"book\"", "42", "true", "[{\"isbn\":\"9780306406157\"}]").get(random.nextInt(8));
    return HostileCase.refused("not an object", post(body, "application/json", key));
  }

  private HostileCase bigBody() {
    if (random.nextBoolean()) {
      String huge = "{\"isbn\":\"" + Isbns.next(random) + "\",\"title\":\"" + "x".repeat(1_100_000) + "\",\"author\":\"y\"}";
      return HostileCase.refused("over 1 MB", post(huge, "application/json", key));
    }
    String big = "x".repeat(201 + random.nextInt(400_000));
    return HostileCase.refused("title too long", post(json(body(Isbns.next(random), big, "y")), "application/json", key));
  }

  private HostileCase wrongContentType() {
    String type = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json-seq", "json", "application/problem+json", "*/*").get(random.nextInt(8));
    String body = json(body(Isbns.next(random), "Title", "Author"));
    return HostileCase.refused("content type " + type, post(body, type, key));
  }

  private HostileCase missingOrWrongKey() {
    String wrong = List.of("", "wrong-key-0123456789", key.toUpperCase() + "x", "' OR '1'='1").get(random.nextInt(4));
    String body = json(body(Isbns.next(random), "Title", "Author"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri.apply("/books")).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body));
    if (!wrong.isEmpty()) {
      request.header("Authorization", "Bearer " + wrong);
    }
    return HostileCase.refused("key '" + wrong + "'", request.build());
  }

  private HostileCase nastyPath() {
    String path =
        switch (random.nextInt(3)) {
          case 0 -> "/books/" + encode(NASTY.get(random.nextInt(NASTY.size())));
          case 1 -> "/books/" + encode(BAD_ISBNS.get(random.nextInt(BAD_ISBNS.size() - 2)).strip() + "x"); // never "/books/" (the list)
          default -> List.of("/books/../metrics", "/books/%2e%2e/health/ready", "/books/..%2fmetrics", "/books/%2f%2f",
              "/books/9780306406157/../../metrics", "/books/%00", "/books/" + "9".repeat(5000), "/books/%c0%ae%c0%ae/",
              "/books/9780306406157%00.json").get(random.nextInt(9));
        };
    return HostileCase.refused("GET " + abbreviate(path), HttpRequest.newBuilder(uri.apply(path)).GET().build());
  }

  private HostileCase query() {
    String q = NASTY.get(random.nextInt(NASTY.size())) + (random.nextBoolean() ? "%00\u0000" : "");
    boolean goodLimit = random.nextBoolean();
    String limit = goodLimit ? String.valueOf(1 + random.nextInt(100)) : List.of("0", "-1", "101", "abc", "1e3", "99999999999", "%00").get(random.nextInt(7));
    String path = "/books?q=" + encode(q) + "&limit=" + encode(limit);
    return new HostileCase("query", HttpRequest.newBuilder(uri.apply(path)).GET().build(), goodLimit, m -> {});
  }

  private HostileCase oddMethod() {
    String method = List.of("PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO", "MKCOL").get(random.nextInt(6));
    String path = random.nextBoolean() ? "/books" : "/books/" + Isbns.next(random);
    HttpRequest request = HttpRequest.newBuilder(uri.apply(path)).header("Authorization", "Bearer " + key)
        .method(method, BodyPublishers.ofString("{}")).build();
    return HostileCase.refused(method + " " + path, request);
  }

  private HostileCase oversizedHeader() {
    String value = "h".repeat(List.of(9_000, 17_000, 64_000).get(random.nextInt(3)));
    String name = random.nextBoolean() ? "X-Junk" : "Cookie";
    return HostileCase.refused("header of " + value.length(),
        HttpRequest.newBuilder(uri.apply("/books")).header(name, value).GET().build());
  }

  private HostileCase put(BookModel model) {
    String existing = model.any(random);
    int variant = random.nextInt(5);
    if (existing == null || variant == 0) {
      String absent = Isbns.next(random);
      return HostileCase.refused("PUT absent", put(absent, json(body(absent, "T", "A")), "*"));
    }
    String title = text();
    String body = json(body(existing, title, "Put Author"));
    return switch (variant) {
      case 1 -> HostileCase.refused("PUT without If-Match", put(existing, body, null));
      case 2 -> HostileCase.refused("PUT stale", put(existing, body, "\"999999999\""));
      case 3 -> HostileCase.refused("PUT other ISBN", put(existing, json(body(Isbns.next(random), "T", "A")), "*"));
      default -> new HostileCase("PUT", put(existing, body, "*"), acceptableText(title),
          m -> m.put(existing, new Book(title.strip(), "Put Author", null)));
    };
  }

  private HostileCase delete(BookModel model) {
    String existing = model.any(random);
    if (existing == null || random.nextInt(3) == 0) {
      String absent = Isbns.next(random);
      return HostileCase.refused("DELETE absent", delete(absent, "*"));
    }
    if (random.nextBoolean()) {
      return HostileCase.refused("DELETE stale", delete(existing, "W/\"1\""));
    }
    return new HostileCase("DELETE", delete(existing, "*"), true, m -> m.remove(existing));
  }

  /** A title or author: mostly odd but valid text, sometimes blank, too long, or with NUL or a lone surrogate. */
  private String text() {
    StringBuilder text = new StringBuilder();
    int parts = 1 + random.nextInt(4);
    for (int i = 0; i < parts; i++) {
      text.append(NASTY.get(random.nextInt(NASTY.size())));
    }
    return switch (random.nextInt(12)) {
      case 0 -> " \t\n ";
      case 1 -> "x".repeat(201);
      case 2 -> text.append('\u0000').toString();
      case 3 -> text.append('\ud800').toString();
      default -> text.toString();
    };
  }

  /**
   * The contract for title and author: not blank, at most 200 characters after trimming, and only
   * text PostgreSQL and UTF-8 can hold (no NUL, no unpaired surrogate).
   */
  static boolean acceptableText(String text) {
    String stripped = text.strip();
    if (stripped.isEmpty() || stripped.length() > 200 || stripped.indexOf('\u0000') >= 0) {
      return false;
    }
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (Character.isHighSurrogate(c) && (i + 1 == stripped.length() || !Character.isLowSurrogate(stripped.charAt(++i)))) {
        return false;
      }
      if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private HttpRequest post(String body, String contentType, String apiKey) {
    return HttpRequest.newBuilder(uri.apply("/books")).header("Content-Type", contentType)
        .header("Authorization", "Bearer " + apiKey).POST(BodyPublishers.ofString(body)).build();
  }

  private HttpRequest put(String isbn, String body, String ifMatch) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri.apply("/books/" + isbn)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + key).PUT(BodyPublishers.ofString(body));
    return (ifMatch == null ? request : request.header("If-Match", ifMatch)).build();
  }

  private HttpRequest delete(String isbn, String ifMatch) {
    return HttpRequest.newBuilder(uri.apply("/books/" + isbn)).header("Authorization", "Bearer " + key)
        .header("If-Match", ifMatch).DELETE().build();
  }

  private static Map<String, Object> body(String isbn, String title, String author) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("isbn", isbn);
    body.put("title", title);
    body.put("author", author);
    return body;
  }

  /** JSON text; lone surrogates are written as \\u escapes (UTF-8 cannot carry them raw). */
  private static String json(Map<String, Object> body) {
    try {
      StringBuilder out = new StringBuilder();
      for (char c : JSON.writeValueAsString(body).toCharArray()) {
        boolean lone = Character.isSurrogate(c);
        out.append(lone ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
      return out.toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String isbn978() {
    return Isbns.withRandomDigits("978", random);
  }

  /** The ISBN-10 of a 978 ISBN-13, hyphenated or spaced, with a lower-case x sometimes. */
  private String isbn10Spelling(String isbn13) {
    String nine = isbn13.substring(3, 12);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (10 - i) * (nine.charAt(i) - '0');
    }
    int check = (11 - sum % 11) % 11;
    String ten = nine + (check == 10 ? (random.nextBoolean() ? "X" : "x") : String.valueOf(check));
    return random.nextBoolean() ? ten.substring(0, 1) + "-" + ten.substring(1, 4) + "-" + ten.substring(4, 9) + "-" + ten.substring(9) : ten;
  }

  private String hyphenated(String isbn13) {
    return random.nextBoolean() ? isbn13 : isbn13.substring(0, 3) + "-" + isbn13.substring(3, 4) + "-" + isbn13.substring(4, 12) + "-" + isbn13.substring(12);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + ")" : text;
  }
}
