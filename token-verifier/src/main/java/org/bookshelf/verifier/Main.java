package org.bookshelf.verifier;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.bookshelf.service.ConfigException;
import org.bookshelf.service.GracefulShutdown;
import org.bookshelf.service.Metrics;
import org.bookshelf.service.SignalExit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the environment, starts the verifier, and stops it gracefully on SIGTERM. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    VerifierConfig config;
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Javalin app;
    try {
      config = VerifierConfig.from(System.getenv());
      app = VerifierApp.create(config, registry).start(config.port());
    } catch (ConfigException e) {
      LOG.error("invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      LOG.error("startup failed: {}", e.toString(), e);
      System.exit(1);
      return;
    }
    SignalExit.install(new GracefulShutdown(app, List.of(registry::close)));
    LOG.info(
        "token-verifier ready on port {} for issuer {} ({} ms after JVM start)",
        app.port(),
        config.issuer(),
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
  }
}
