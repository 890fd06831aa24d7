package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.NginxGateway;
import org.bookshelf.testsupport.gateway.RawHttp;
import org.bookshelf.testsupport.gateway.TestGateway;
import org.bookshelf.testsupport.gateway.Upstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rates of one request per minute make the buckets overflow after a known number of requests,
 * whatever the machine's speed: no timing involved. A fresh gateway per test: fresh buckets.
 */
class RateLimitTest {

  private static final String BEARER_LOCAL = "Bearer " + Http.LOCAL_KEY;

  private static Upstream service;
  private static Upstream web;
  private NginxGateway gateway;
  private Http http;

  @BeforeAll
  static void upstreams() {
    service = Upstream.start("books-service");
    web = Upstream.start("books-web");
  }

  @AfterAll
  static void stopUpstreams() {
    service.close();
    web.close();
  }

  @BeforeEach
  void start() {
    gateway =
        TestGateway.start(
            service.address(),
            web.address(),
            Map.of(
                "GATEWAY_RATE_LIMIT", "1r/m",
                "GATEWAY_RATE_LIMIT_BURST", "3",
                "GATEWAY_WRITE_RATE_LIMIT", "1r/m",
                "GATEWAY_WRITE_RATE_LIMIT_BURST", "1"));
    http = new Http(gateway);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void reads_over_the_limit_get_429_with_retry_after() {
    for (int i = 0; i < 4; i++) {
      assertThat(http.get("/books").statusCode()).as("request %d", i + 1).isEqualTo(200);
    }

    var limited = http.get("/books");

    Problems.assertProblem(limited, 429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
  }

  @Test
  void writes_have_a_stricter_limit_than_reads() {
    for (int i = 0; i < 2; i++) {
      assertThat(http.send("POST", "/books", "{}", "Authorization", BEARER_LOCAL).statusCode()).isEqualTo(200);
    }

    var thirdWrite = http.send("POST", "/books", "{}", "Authorization", BEARER_LOCAL);
    var read = http.get("/books");

    Problems.assertProblem(thirdWrite, 429);
    assertThat(thirdWrite.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(read.statusCode()).isEqualTo(200);
  }

  @Test
  void key_guessing_is_rate_limited_before_the_key_is_checked() {
    Problems.assertProblem(http.send("POST", "/books", "{}", "Authorization", "Bearer guess-000000000000001"), 401);
    Problems.assertProblem(http.send("POST", "/books", "{}", "Authorization", "Bearer guess-000000000000002"), 401);

    Problems.assertProblem(http.send("POST", "/books", "{}", "Authorization", "Bearer guess-000000000000003"), 429);
  }

  @Test
  void each_client_address_has_its_own_bucket() throws UnknownHostException {
    for (int i = 0; i < 5; i++) {
      http.get("/books");
    }
    assertThat(http.get("/books").statusCode()).isEqualTo(429);

    var otherClient = RawHttp.request(InetAddress.getByName("127.0.0.2"), gateway.port(), "GET", "/books");

    assertThat(otherClient.status()).isEqualTo(200);
  }

  @Test
  void the_web_app_is_not_rate_limited() {
    for (int i = 0; i < 6; i++) {
      http.get("/books");
    }

    assertThat(http.get("/").statusCode()).isEqualTo(200);
  }
}
