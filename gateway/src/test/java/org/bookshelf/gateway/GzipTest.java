package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.UpstreamResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GzipTest {

  private static final String LARGE = "{\"title\":\"Learning Node.js Development\"},".repeat(200);

  @RegisterExtension
  static final GatewayStack stack =
      new GatewayStack()
          .serviceAnswers(r -> UpstreamResponse.json(200, "[" + LARGE + "{}]"))
          .webAnswers(
              r -> {
                String type =
                    r.rawTarget().endsWith(".js") ? "text/javascript"
                        : r.rawTarget().endsWith(".css") ? "text/css"
                        : r.rawTarget().endsWith(".png") ? "image/png"
                        : "text/html";
                return UpstreamResponse.of(200, type, LARGE);
              });

  @ParameterizedTest
  @CsvSource({"/books", "/", "/assets/app.js", "/assets/app.css"})
  void text_responses_are_gzipped_when_the_client_accepts_it(String path) throws IOException {
    var response = stack.http().getBytes(path, "Accept-Encoding", "gzip");
    var plain = stack.http().get(path);

    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(response.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Accept-Encoding"));
    assertThat(response.body().length).isLessThan(plain.body().length());
    assertThat(gunzip(response.body())).isEqualTo(plain.body());
  }

  @Test
  void responses_are_not_gzipped_for_clients_that_do_not_ask() {
    var response = stack.http().get("/books");

    assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(response.body()).startsWith("[{\"title\"");
  }

  @Test
  void images_are_not_gzipped() {
    var response = stack.http().getBytes("/assets/logo.png", "Accept-Encoding", "gzip");

    assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
  }

  private static String gunzip(byte[] body) throws IOException {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
