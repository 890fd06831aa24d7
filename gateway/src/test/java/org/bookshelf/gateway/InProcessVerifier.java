package org.bookshelf.gateway;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.bookshelf.service.Metrics;
import org.bookshelf.verifier.VerifierApp;
import org.bookshelf.verifier.VerifierConfig;

/** The real token verifier (books-token-verifier's wiring) on a free loopback port. */
final class InProcessVerifier implements AutoCloseable {

  private final PrometheusMeterRegistry registry = Metrics.newRegistry();
  private final Javalin app;

  InProcessVerifier(Map<String, String> env) {
    app = VerifierApp.create(VerifierConfig.from(env), registry).start("127.0.0.1", 0);
  }

  String address() {
    return "127.0.0.1:" + app.port();
  }

  /** How many verifications the gateway asked for (cache misses). */
  long verifications() {
    return registry.find("http.server.requests").tag("route", "/verify").timers().stream()
        .mapToLong(Timer::count)
        .sum();
  }

  @Override
  public void close() {
    app.stop();
    registry.close();
  }
}
