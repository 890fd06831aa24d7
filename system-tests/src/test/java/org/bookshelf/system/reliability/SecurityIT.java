package org.bookshelf.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookshelf.system.Isbns;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.Pause;
import org.bookshelf.system.support.ServiceMetrics;
import org.bookshelf.system.support.StackContainer;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The security promises on the compose stack: keys checked at the gateway only, containers as
 * hardened as docker-compose.yml says, no version leaks, headers everywhere, and a rate limit
 * that bites and lets go. The stack (its own compose project) runs with a low rate limit; the
 * other tests pace themselves below it.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

  private static final Map<String, String> LOW_LIMITS =
      Map.of(
          "GATEWAY_RATE_LIMIT", "20r/s", "GATEWAY_RATE_LIMIT_BURST", "20",
          "GATEWAY_WRITE_RATE_LIMIT", "10r/s", "GATEWAY_WRITE_RATE_LIMIT_BURST", "10");
  private static final Duration PACE = Duration.ofMillis(150);
  private static final List<String> HEADERS =
      List.of("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy");

  @AutoClose private static SystemStack stack;
  private static GatewayClient api;

  @BeforeAll
  static void start() {
    stack = SystemStack.start("security", SystemStack.Variant.H2, LOW_LIMITS);
    api = stack.client();
  }


  @Test
  @Order(1)
  void writes_without_or_with_a_wrong_key_never_reach_books_service() {
    StackContainer service = stack.booksService(1);
    long before = writesCounted(service);
    String isbn = Isbns.next();
    String body = "{\"isbn\":\"" + isbn + "\",\"title\":\"T\",\"author\":\"A\"}";
    List<String> authorizations =
        List.of("", "Bearer wrong-key-0123456789abcdef", "Bearer ", "Basic Ym9va3NoZWxmOmJvb2tzaGVsZg==",
            SystemStack.API_KEY, "Bearer " + SystemStack.API_KEY + " x", "Bearer " + SystemStack.API_KEY + "y");
    int sent = 0;
    for (String authorization : authorizations) {
      for (String method : List.of("POST", "PUT", "DELETE")) {
        String path = method.equals("POST") ? "/books" : "/books/1788395549";
        HttpRequest.Builder request = api.request(path).header("Content-Type", "application/json").header("If-Match", "*")
            .header("X-Auth-Name", "local").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (!authorization.isEmpty()) {
          request.header("Authorization", authorization);
        }
        HttpResponse<String> response = api.send(request);
        sent++;
        assertThat(response.statusCode()).as("%s with '%s' and a spoofed X-Auth-Name", method, authorization).isEqualTo(401);
        Pause.of(PACE);
      }
    }
    long after = writesCounted(service);
    System.out.printf("[reliability] security: %d writes without a valid key, books-service counted %d writes before and %d after%n", sent, before, after);
    assertThat(after).as("writes books-service saw").isEqualTo(before);
    assertThat(api.get("/books/" + isbn).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void a_spoofed_client_header_never_reaches_books_service() {
    String requestId = "spoof-" + UUID.randomUUID();
    String isbn = Isbns.next();
    HttpResponse<String> response = api.send(api.request("/books").header("X-Request-ID", requestId)
        .header("Authorization", "Bearer " + SystemStack.API_KEY).header("X-Auth-Name", "admin-spoofed")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"isbn\":\"" + isbn + "\",\"title\":\"T\",\"author\":\"A\"}")));
    assertThat(response.statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stack.booksService(1).logs()).contains(requestId));
    List<String> lines = stack.booksService(1).logs().lines().filter(l -> l.contains(requestId)).toList();
    assertThat(lines).isNotEmpty().noneMatch(l -> l.contains("admin-spoofed")).anyMatch(l -> l.contains("local"));
  }

  /**
   * Read-only root, capabilities and the memory limit are docker-compose.yml's (compose applied
   * them, nothing in the test did); the limit expected is the one the files give each service.
   */
  @Test
  @Order(3)
  void containers_run_as_non_root_with_a_read_only_root_no_capabilities_and_their_compose_memory_limit() {
    for (String service : stack.model().serviceNames()) {
      StackContainer container = stack.service(service);
      InspectContainerResponse inspect = container.inspect();
      String name = inspect.getConfig().getImage();
      String user = inspect.getConfig().getUser();
      System.out.printf("[reliability] security: %s user=%s readOnly=%s capAdd=%s capDrop=%s privileged=%s memory=%d MiB%n", name, user,
          inspect.getHostConfig().getReadonlyRootfs(), java.util.Arrays.toString(inspect.getHostConfig().getCapAdd()),
          java.util.Arrays.toString(inspect.getHostConfig().getCapDrop()), inspect.getHostConfig().getPrivileged(),
          inspect.getHostConfig().getMemory() >> 20);
      assertThat(user).as("%s image user", name).isNotBlank().isNotIn("0", "root", "0:0", "root:root");
      assertThat(exec(container, "id -u").strip()).as("%s uid at run time", name).isNotEqualTo("0");
      assertThat(inspect.getHostConfig().getReadonlyRootfs()).as("%s read-only root", name).isTrue();
      assertThat(inspect.getHostConfig().getPrivileged()).as("%s privileged", name).isFalse();
      assertThat(inspect.getHostConfig().getCapAdd()).as("%s added capabilities", name).isNullOrEmpty();
      assertThat(java.util.Arrays.toString(inspect.getHostConfig().getCapDrop())).as("%s dropped capabilities", name).contains("ALL");
      assertThat(exec(container, "grep CapEff /proc/self/status").strip()).as("%s effective capabilities", name).endsWith("0000000000000000");
      assertThat(exec(container, "touch /probe-write 2>&1; echo $?").strip()).as("%s writing to / (exit code last)", name).matches("(?s).*[1-9]\\d*$");
      assertThat(inspect.getHostConfig().getMemory()).as("%s memory limit", name).isEqualTo(stack.model().memoryLimitBytes(service));
    }
  }

  @Test
  @Order(4)
  void no_response_reveals_a_server_version_and_every_one_carries_the_security_headers() {
    List<HttpRequest.Builder> requests = new ArrayList<>(List.of(
        api.request("/books"), api.request("/books/1788395549"), api.request("/books/nope"), api.request("/"),
        api.request("/missing.js"), api.request("/metrics"), api.request("/books/../metrics"),
        api.request("/books").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")),
        api.request("/books").method("PATCH", HttpRequest.BodyPublishers.noBody()),
        api.request("/books").header("Authorization", "Bearer " + SystemStack.API_KEY).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{broken"))));
    for (HttpRequest.Builder request : requests) {
      HttpResponse<String> response = api.send(request);
      String what = response.request().method() + " " + response.request().uri().getRawPath() + " → " + response.statusCode();
      assertThat(response.headers().firstValue("Server").orElse("")).as("Server of %s", what).doesNotContainPattern("\\d");
      assertThat(response.headers().map().keySet()).as("headers of %s", what).noneMatch(h -> h.equalsIgnoreCase("X-Powered-By"));
      assertThat(response.body()).as("body of %s", what).doesNotContainPattern("(?i)(nginx|jetty|javalin)/?\\s*\\d");
      for (String header : HEADERS) {
        assertThat(response.headers().firstValue(header)).as("%s on %s", header, what).isPresent();
      }
      assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'", "frame-ancestors 'none'");
      Pause.of(PACE);
    }
  }

  @Test
  @Order(5)
  void the_rate_limit_answers_429_with_retry_after_and_recovers() {
    Pause.of(Duration.ofSeconds(2)); // a full bucket
    int sent = 0;
    HttpResponse<String> limited = null;
    for (; sent < 200 && limited == null; ) {
      HttpResponse<String> response = api.get("/books?limit=1");
      sent++;
      if (response.statusCode() == 429) {
        limited = response;
      } else {
        assertThat(response.statusCode()).isEqualTo(200);
      }
    }
    assertThat(limited).as("a 429 within %d fast GETs", sent).isNotNull();
    assertThat(limited.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    String retryAfter = limited.headers().firstValue("Retry-After").orElse("");
    assertThat(retryAfter).matches("\\d+");
    long limitedAt = System.nanoTime();
    Pause.of(Duration.ofSeconds(Long.parseLong(retryAfter)));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> api.get("/books?limit=1").statusCode() == 200);
    System.out.printf("[reliability] security: 429 after %d fast GETs (Retry-After %s s), answering 200 again %.1f s later%n",
        sent, retryAfter, (System.nanoTime() - limitedAt) / 1e9);
  }

  private static long writesCounted(StackContainer service) {
    return ServiceMetrics.requests(service, "POST") + ServiceMetrics.requests(service, "PUT") + ServiceMetrics.requests(service, "DELETE");
  }

  private static String exec(StackContainer container, String script) {
    return container.exec("bash", "-c", script).output();
  }
}
