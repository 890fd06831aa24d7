package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepaliveTest {

  private static final int REQUESTS = 40;

  private static Upstream service;
  private static Upstream web;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    service = Upstream.start("books-service");
    web = Upstream.start("books-web");
    gateway = Gateway.start(service.address(), web.address());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    service.close();
    web.close();
  }

  @BeforeEach
  void forget() {
    service.reset();
  }

  @Test
  void upstream_connections_are_reused_across_requests() {
    var http = new Http(gateway);

    for (int i = 0; i < REQUESTS; i++) {
      assertThat(http.get("/books").statusCode()).isEqualTo(200);
    }

    assertThat(service.requests()).hasSize(REQUESTS);
    assertThat(service.connections()).isLessThanOrEqualTo(2);
  }

  @Test
  void upstream_connections_are_reused_even_when_every_client_connection_is_new() {
    for (int i = 0; i < REQUESTS; i++) {
      // Each raw request opens its own client connection and closes it afterwards.
      var response = RawHttp.request(InetAddress.getLoopbackAddress(), gateway.port(), "GET", "/books");
      assertThat(response.status()).isEqualTo(200);
    }

    assertThat(service.requests()).hasSize(REQUESTS);
    assertThat(service.connections()).isLessThanOrEqualTo(2);
  }

  @Test
  void requests_go_upstream_as_http_1_1_without_connection_close() {
    new Http(gateway).get("/books");

    RecordedRequest request = service.lastRequest();
    assertThat(request.protocol()).isEqualTo("HTTP/1.1");
    assertThat(request.header("Connection")).isEmpty();
  }
}
