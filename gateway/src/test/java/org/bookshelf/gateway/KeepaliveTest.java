package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.RawHttp;
import org.bookshelf.testsupport.gateway.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeepaliveTest {

  private static final int REQUESTS = 40;

  @RegisterExtension static final GatewayStack stack = new GatewayStack();

  @Test
  void upstream_connections_are_reused_across_requests() {
    var http = new Http(stack.gateway());

    for (int i = 0; i < REQUESTS; i++) {
      assertThat(stack.http().get("/books").statusCode()).isEqualTo(200);
    }

    assertThat(stack.service().requests()).hasSize(REQUESTS);
    assertThat(stack.service().connections()).isLessThanOrEqualTo(2);
  }

  @Test
  void upstream_connections_are_reused_even_when_every_client_connection_is_new() {
    for (int i = 0; i < REQUESTS; i++) {
      // Each raw request opens its own client connection and closes it afterwards.
      var response = RawHttp.request(InetAddress.getLoopbackAddress(), stack.gateway().port(), "GET", "/books");
      assertThat(response.status()).isEqualTo(200);
    }

    assertThat(stack.service().requests()).hasSize(REQUESTS);
    assertThat(stack.service().connections()).isLessThanOrEqualTo(2);
  }

  @Test
  void requests_go_upstream_as_http_1_1_without_connection_close() {
    new Http(stack.gateway()).get("/books");

    RecordedRequest request = stack.service().lastRequest();
    assertThat(request.protocol()).isEqualTo("HTTP/1.1");
    assertThat(request.header("Connection")).isEmpty();
  }
}
