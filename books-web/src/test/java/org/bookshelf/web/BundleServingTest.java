package org.bookshelf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real server serving the real bundle that the Maven build just produced with Vite. */
class BundleServingTest {

  private static WebServer server;
  private static String script;

  @BeforeAll
  static void start() throws Exception {
    server = new WebServer(Bundle.onClasspath());
    String index = text(server.get("/"));
    Matcher matcher = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
    assertThat(matcher.find()).as("index.html references the hashed script").isTrue();
    script = matcher.group(1);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void root_serves_index_html_that_must_be_revalidated() throws Exception {
    HttpResponse<byte[]> response = server.get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(text(response)).contains("<div id=\"root\"></div>");
  }

  @Test
  void app_routes_fall_back_to_index_html() throws Exception {
    for (String path : new String[] {"/book/9781788395540", "/book/9781788395540/edit", "/new", "/no/such/page"}) {
      HttpResponse<byte[]> response = server.get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
      assertThat(text(response)).as(path).contains("<div id=\"root\"></div>");
    }
  }

  @Test
  void hashed_assets_are_cached_for_a_year_and_immutable() throws Exception {
    HttpResponse<byte[]> response = server.get(script);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
  }

  @Test
  void missing_asset_is_404_not_the_html_page() throws Exception {
    HttpResponse<byte[]> response = server.get("/assets/index-doesnotexist.js");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("Cache-Control")).isEmpty();
    assertThat(text(response)).doesNotContain("<div id=\"root\">");
  }

  @Test
  void gzip_copy_is_served_when_accepted_and_decodes_to_the_original() throws Exception {
    HttpResponse<byte[]> plain = server.get(script);
    HttpResponse<byte[]> gzipped = server.get(script, "Accept-Encoding", "gzip");

    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
    assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
  }

  @Test
  void brotli_copy_is_preferred_when_accepted() throws Exception {
    HttpResponse<byte[]> response = server.get(script, "Accept-Encoding", "gzip, deflate, br");

    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("br");
    assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    try (InputStream stored = getClass().getResourceAsStream("/public" + script + ".br")) {
      assertThat(response.body()).isEqualTo(stored.readAllBytes());
    }
  }

  @Test
  void identity_is_served_without_accept_encoding_or_when_refused() throws Exception {
    HttpResponse<byte[]> none = server.get(script);
    HttpResponse<byte[]> refused = server.get(script, "Accept-Encoding", "br;q=0, gzip;q=0");

    assertThat(none.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(none.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(refused.body()).isEqualTo(none.body());
  }

  @Test
  void index_html_revalidates_with_its_etag_to_304() throws Exception {
    HttpResponse<byte[]> first = server.get("/", "Accept-Encoding", "gzip");
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> again = server.get("/", "Accept-Encoding", "gzip", "If-None-Match", etag);

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(server.get("/", "If-None-Match", etag).statusCode())
        .as("the identity variant has its own ETag")
        .isEqualTo(200);
  }

  @Test
  void head_answers_headers_without_a_body() throws Exception {
    HttpResponse<byte[]> response = server.head(script);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void every_request_gets_a_request_id() throws Exception {
    HttpResponse<byte[]> response = server.get("/", "X-Request-ID", "web-test-1");

    assertThat(response.headers().firstValue("X-Request-ID")).hasValue("web-test-1");
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] gunzip(byte[] bytes) throws Exception {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }
}
