package org.bookshelf.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Typed reads of environment variables with defaults. Main passes {@code System.getenv()}, tests
 * pass their own map. A blank value counts as unset; a bad value throws {@link ConfigException}
 * naming the variable and what it accepts, so the service fails at startup, not later.
 */
public final class EnvConfig {

  private final Map<String, String> env;

  public EnvConfig(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public String string(String name, String fallback) {
    String value = raw(name);
    return value == null ? fallback : value;
  }

  public int integer(String name, int fallback, int min, int max) {
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new ConfigException(
        name + "='" + value + "' is not valid: expected an integer from " + min + " to " + max);
  }

  public boolean bool(String name, boolean fallback) {
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ConfigException(
              name + "='" + value + "' is not valid: expected true or false");
    };
  }

  /** Matches the enum constant's name case-insensitively, e.g. {@code LOG_FORMAT=json}. */
  public <E extends Enum<E>> E oneOf(String name, Class<E> type, E fallback) {
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    String accepted =
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    throw new ConfigException(
        name + "='" + value + "' is not valid: expected one of " + accepted);
  }

  private String raw(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
