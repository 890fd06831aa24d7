package org.bookshelf.service;

import java.time.Duration;

/**
 * Settings every Bookshelf HTTP service shares, read from the environment with safe defaults:
 * {@code LOG_FORMAT} (text|json), {@code LOG_LEVEL}, {@code SHUTDOWN_TIMEOUT_SECONDS}.
 */
public record CommonSettings(LogFormat logFormat, LogLevel logLevel, Duration shutdownTimeout) {

  public static final int DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

  public static CommonSettings from(EnvConfig env) {
    return new CommonSettings(
        env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
        env.oneOf("LOG_LEVEL", LogLevel.class, LogLevel.INFO),
        Duration.ofSeconds(
            env.integer("SHUTDOWN_TIMEOUT_SECONDS", DEFAULT_SHUTDOWN_TIMEOUT_SECONDS, 0, 300)));
  }
}
