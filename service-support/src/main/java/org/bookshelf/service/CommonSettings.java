package org.bookshelf.service;

import java.time.Duration;
import java.util.List;

/** Settings every Bookshelf HTTP service shares, read from the environment with safe defaults. */
public record CommonSettings(LogFormat logFormat, LogLevel logLevel, Duration shutdownTimeout) {

  public static final Setting.Choice<LogFormat> LOG_FORMAT =
      Setting.choice(
          "LOG_FORMAT", LogFormat.class, LogFormat.TEXT,
          "log lines as text, or one JSON object per line (with `request_id`) for collectors");
  public static final Setting.Choice<LogLevel> LOG_LEVEL =
      Setting.choice("LOG_LEVEL", LogLevel.class, LogLevel.INFO, "the lowest level logged");
  public static final Setting.Int SHUTDOWN_TIMEOUT_SECONDS =
      Setting.integer(
          "SHUTDOWN_TIMEOUT_SECONDS", 10, 0, 300,
          "on SIGTERM, how long requests in flight may finish before the service stops");

  /** In the order the docs list them, after each service's own settings. */
  public static final List<Setting> SETTINGS = List.of(LOG_FORMAT, LOG_LEVEL, SHUTDOWN_TIMEOUT_SECONDS);

  public static CommonSettings from(EnvConfig env) {
    return new CommonSettings(
        env.get(LOG_FORMAT),
        env.get(LOG_LEVEL),
        Duration.ofSeconds(env.get(SHUTDOWN_TIMEOUT_SECONDS)));
  }
}
