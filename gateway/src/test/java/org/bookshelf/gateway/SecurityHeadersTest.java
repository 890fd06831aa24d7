package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.Map;
import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.RawHttp;
import org.bookshelf.testsupport.gateway.UpstreamResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityHeadersTest {

  @RegisterExtension
  static final GatewayStack stack =
      new GatewayStack()
          .webAnswers(
              r ->
                  r.rawTarget().startsWith("/assets/")
                      ? UpstreamResponse.of(200, "text/javascript", "console.log(1)")
                          .withHeaders(
                              Map.of(
                                  "Cache-Control", "public, max-age=31536000, immutable",
                                  "ETag", "\"abc123\"",
                                  "Last-Modified", "Wed, 01 Jan 2026 00:00:00 GMT"))
                      : UpstreamResponse.of(200, "text/html", "<!doctype html><div id=root></div>")
                          .withHeaders(
                              Map.of(
                                  "Cache-Control", "no-cache",
                                  "X-Frame-Options", "SAMEORIGIN",
                                  "X-Powered-By", "Javalin")));

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "GET, /, 200",
    "GET, /books, 200",
    "GET, /healthz, 200",
    "POST, /books, 401",
    "GET, /metrics, 404",
    "PATCH, /books, 405"
  })
  void every_response_carries_the_security_headers(String method, String path, int status) {
    var response = stack.http().send(method, path, "");

    assertThat(response.statusCode()).isEqualTo(status);
    assertSecurityHeaders(response.headers());
  }

  @Test
  void a_400_from_the_path_guard_carries_the_security_headers_too() {
    var response = RawHttp.request(stack.gateway().port(), "GET", "/books/../metrics");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void only_the_api_reference_page_allows_style_hashes_and_no_page_allows_inline_styles() {
    String reference = stack.http().get("/api-reference.html").headers().firstValue("Content-Security-Policy").orElseThrow();
    String app = stack.http().get("/").headers().firstValue("Content-Security-Policy").orElseThrow();
    String api = stack.http().get("/books").headers().firstValue("Content-Security-Policy").orElseThrow();

    assertThat(app).contains("style-src 'self';");
    assertThat(api).contains("style-src 'self';");
    assertThat(reference).containsPattern("style-src 'self'( 'sha256-[A-Za-z0-9+/]{43}=')+;")
        .doesNotContain("unsafe-inline")
        .isEqualTo(app.replaceFirst("style-src 'self';", reference.replaceAll(".*(style-src [^;]*;).*", "$1")));
  }

  @Test
  void the_server_header_has_no_version() {
    assertThat(stack.http().get("/").headers().allValues("Server")).containsExactly("nginx");
  }

  @Test
  void upstream_security_headers_are_replaced_not_duplicated() {
    var response = stack.http().get("/");

    assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
    assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
  }

  @Test
  void cache_headers_of_the_web_app_pass_through() {
    var asset = stack.http().get("/assets/index-3f2a9c.js");
    var page = stack.http().get("/");

    assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(asset.headers().firstValue("ETag")).hasValue("\"abc123\"");
    assertThat(asset.headers().firstValue("Last-Modified")).hasValue("Wed, 01 Jan 2026 00:00:00 GMT");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  private static void assertSecurityHeaders(HttpHeaders headers) {
    assertThat(headers.allValues("Content-Security-Policy"))
        .singleElement()
        .satisfies(
            csp ->
                assertThat(csp)
                    .contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval"));
    assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
    assertThat(headers.allValues("X-Frame-Options")).containsExactly("DENY");
    assertThat(headers.allValues("Referrer-Policy")).containsExactly("strict-origin-when-cross-origin");
    assertThat(headers.firstValue("Permissions-Policy")).hasValueSatisfying(p -> assertThat(p).contains("camera=()"));
    assertThat(headers.firstValue("X-Request-ID")).isPresent();
  }
}
