package org.bookshelf.web;

import java.util.Map;
import org.bookshelf.service.CommonSettings;
import org.bookshelf.service.EnvConfig;

/**
 * books-web's settings from the environment: {@code PORT} (default 3000) plus the settings every
 * service shares ({@code LOG_FORMAT}, {@code LOG_LEVEL}, {@code SHUTDOWN_TIMEOUT_SECONDS}).
 */
public record WebConfig(int port, CommonSettings common) {

  public static final int DEFAULT_PORT = 3000;

  public static WebConfig from(Map<String, String> environment) {
    EnvConfig env = new EnvConfig(environment);
    return new WebConfig(env.integer("PORT", DEFAULT_PORT, 1, 65535), CommonSettings.from(env));
  }
}
