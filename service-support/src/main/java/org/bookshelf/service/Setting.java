package org.bookshelf.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One environment variable an app reads: its name, default, what it accepts and what it means.
 * Apps declare each as a constant and read it through {@link EnvConfig}; the same constants
 * feed docs/configuration.md and the checks of the Kubernetes manifests ({@link AppSettings}).
 */
public sealed interface Setting {

  String name();

  /** The default as it would be written in the environment. */
  String defaultValue();

  /** What values are valid, in words. */
  String accepts();

  /** What the variable sets, for operators. */
  String meaning();

  static Text text(String name, String fallback, String meaning) {
    return new Text(name, fallback, meaning);
  }

  static Int integer(String name, int fallback, int min, int max, String meaning) {
    if (fallback < min || fallback > max) {
      throw new IllegalArgumentException(name + ": default " + fallback + " outside " + min + ".." + max);
    }
    return new Int(name, fallback, min, max, meaning);
  }

  static Flag flag(String name, boolean fallback, String meaning) {
    return new Flag(name, fallback, meaning);
  }

  static <E extends Enum<E>> Choice<E> choice(String name, Class<E> type, E fallback, String meaning) {
    return new Choice<>(name, type, fallback, meaning);
  }

  /** Any text; a blank value counts as unset. */
  record Text(String name, String defaultValue, String meaning) implements Setting {
    @Override
    public String accepts() {
      return "text";
    }
  }

  /** An integer in [min, max]. */
  record Int(String name, int fallback, int min, int max, String meaning) implements Setting {
    @Override
    public String defaultValue() {
      return String.valueOf(fallback);
    }

    @Override
    public String accepts() {
      return "an integer from " + min + " to " + max;
    }
  }

  /** {@code true} or {@code false}, any case. */
  record Flag(String name, boolean fallback, String meaning) implements Setting {
    @Override
    public String defaultValue() {
      return String.valueOf(fallback);
    }

    @Override
    public String accepts() {
      return "true or false";
    }
  }

  /** One of an enum's constants, by name in any case. */
  record Choice<E extends Enum<E>>(String name, Class<E> type, E fallback, String meaning)
      implements Setting {
    @Override
    public String defaultValue() {
      return lower(fallback);
    }

    @Override
    public String accepts() {
      return "one of "
          + Arrays.stream(type.getEnumConstants()).map(Setting::lower).collect(Collectors.joining(", "));
    }
  }

  private static String lower(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
