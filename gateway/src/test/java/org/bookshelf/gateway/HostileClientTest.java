package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One address attacking the gateway with what costs it memory or connections (stalled bodies,
 * half-open connections, bodies on reads) while another address (127.0.0.2) keeps reading. The
 * limits are the shipped ones but the client timeout (shortened so the test sees it fire) and the
 * requests in progress per address (set so the test counts against its own value).
 * Each test prints the other client's p99, a figure and not an assertion.
 */
class HostileClientTest {

  /** Set here, not the shipped default restated: the test counts refusals against it. */
  private static final int CONNECTIONS_PER_CLIENT = 40;

  @RegisterExtension
  static final GatewayStack stack = new GatewayStack(Map.of(
      "GATEWAY_CLIENT_TIMEOUT", "3s", "GATEWAY_CONNECTIONS_PER_CLIENT", Integer.toString(CONNECTIONS_PER_CLIENT)));

  private final List<Socket> attack = new ArrayList<>();

  @AfterEach
  void closeTheAttack() throws IOException {
    for (Socket socket : attack) {
      socket.close();
    }
  }

  @Test
  void a_read_with_a_body_is_413_before_the_body_is_sent() throws IOException {
    Socket socket = open(InetAddress.getLoopbackAddress());
    send(socket, "GET /books HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(1000));

    String answer = readHead(socket);

    assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
    assertThat(stack.service().requests()).isEmpty();
  }

  @Test
  void stalled_bodies_from_one_address_are_capped_and_cut_while_another_reads() throws Exception {
    long[] before = readsFromAnotherAddress(100);
    for (int i = 0; i < 120; i++) {
      Socket socket = open(InetAddress.getLoopbackAddress());
      send(socket, "POST /books HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Http.LOCAL_KEY
          + "\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{\"isbn\":\"");
    }

    long[] other = readsFromAnotherAddress(200);
    long refused = attack.stream().filter(socket -> readHead(socket, 1_000).startsWith("HTTP/1.1 429")).count();

    assertThat(other).hasSize(200);
    assertThat(refused).as("stalled bodies over %d per address", CONNECTIONS_PER_CLIENT)
        .isEqualTo(120 - CONNECTIONS_PER_CLIENT);
    assertThat(closedWithin(attack, 8_000)).as("stalled bodies cut off after the client timeout").isEqualTo(120);
    assertThat(stack.gateway().stderr()).doesNotContain("exited on signal");
    report("120 stalled 1 MB bodies", before, other);
  }

  @Test
  void half_open_connections_from_one_address_leave_another_clients_reads_answered() throws Exception {
    long[] before = readsFromAnotherAddress(100);
    for (int i = 0; i < 2000; i++) {
      open(InetAddress.getLoopbackAddress());
    }

    long[] other = readsFromAnotherAddress(200);

    assertThat(other).hasSize(200);
    assertThat(closedWithin(attack, 8_000)).as("idle connections closed after the client timeout").isEqualTo(2000);
    assertThat(stack.gateway().stderr()).doesNotContain("exited on signal");
    report("2,000 half-open connections", before, other);
  }

  /** Nanoseconds per read of /books from 127.0.0.2; a read that does not answer 200 fails. */
  private static long[] readsFromAnotherAddress(int count) throws IOException {
    InetAddress other = InetAddress.getByName("127.0.0.2");
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      int status = RawHttp.request(other, stack.gateway().port(), "GET", "/books").status();
      nanos[i] = System.nanoTime() - start;
      assertThat(status).isEqualTo(200);
    }
    return nanos;
  }

  private Socket open(InetAddress from) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), stack.gateway().port()), 5_000);
    attack.add(socket);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  private static String readHead(Socket socket) {
    return readHead(socket, 5_000);
  }

  /** The status line and headers received within the timeout, or "" if nothing came. */
  private static String readHead(Socket socket, int timeoutMillis) {
    try {
      socket.setSoTimeout(timeoutMillis);
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      int c;
      while (head.indexOf("\r\n\r\n") < 0 && (c = in.read()) >= 0) {
        head.append((char) c);
      }
      return head.toString();
    } catch (SocketTimeoutException nothingYet) {
      return "";
    } catch (IOException closed) {
      return "";
    }
  }

  /** How many of the sockets the gateway closed (end of stream or reset) within the time. */
  private static long closedWithin(List<Socket> sockets, long millis) throws IOException {
    long deadline = System.currentTimeMillis() + millis;
    long closed = 0;
    for (Socket socket : sockets) {
      if (isClosedBy(socket, Math.max(1, deadline - System.currentTimeMillis()))) {
        closed++;
      }
    }
    return closed;
  }

  private static boolean isClosedBy(Socket socket, long millis) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
    try {
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // an answer (a 408 or a 429) may come first; the end of the stream is what counts
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /** The other client's reads before and during the attack, side by side (one connection each). */
  private static void report(String attack, long[] before, long[] during) {
    System.out.printf("HostileClientTest: other client's reads, before / during %s: p50 %.1f / %.1f ms, p99 %.1f / %.1f ms%n",
        attack, percentile(before, 0.5), percentile(during, 0.5), percentile(before, 0.99), percentile(during, 0.99));
  }

  private static double percentile(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) (sorted.length * p)] / 1e6;
  }
}
