package org.bookshelf.web;

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

/** Reads the environment and starts the server; a bad setting stops it with the variable's name. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    WebConfig config;
    try {
      config = WebConfig.from(System.getenv());
    } catch (ConfigException e) {
      LOG.error("invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    Javalin app = WebApp.create(config, Bundle.onClasspath(), registry);
    SignalExit.install(new GracefulShutdown(app, List.<AutoCloseable>of(registry::close)));
    app.start(config.port());
    LOG.info(
        "books-web ready on port {} ({} ms after JVM start)",
        app.port(),
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
  }
}
