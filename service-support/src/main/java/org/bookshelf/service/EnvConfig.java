package org.bookshelf.service;

import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of the environment variables an app declares as {@link Setting}s. Main passes
 * {@code System.getenv()}, tests pass their own map. A blank value counts as unset; a bad value
 * throws {@link ConfigException} naming the variable and what it accepts, so the service fails at
 * startup, not later.
 */
public final class EnvConfig {

  private final Map<String, String> env;

  public EnvConfig(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public String get(Setting.Text setting) {
    String value = raw(setting);
    return value == null ? setting.defaultValue() : value;
  }

  public int get(Setting.Int setting) {
    String value = raw(setting);
    if (value == null) {
      return setting.fallback();
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= setting.min() && parsed <= setting.max()) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw invalid(setting, value);
  }

  public boolean get(Setting.Flag setting) {
    String value = raw(setting);
    if (value == null) {
      return setting.fallback();
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(setting, value);
    };
  }

  /** Matches the enum constant's name case-insensitively, e.g. {@code LOG_FORMAT=json}. */
  public <E extends Enum<E>> E get(Setting.Choice<E> setting) {
    String value = raw(setting);
    if (value == null) {
      return setting.fallback();
    }
    for (E constant : setting.type().getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw invalid(setting, value);
  }

  private static ConfigException invalid(Setting setting, String value) {
    return new ConfigException(
        setting.name() + "='" + value + "' is not valid: expected " + setting.accepts());
  }

  private String raw(Setting setting) {
    String value = env.get(setting.name());
    return value == null || value.isBlank() ? null : value.trim();
  }
}
