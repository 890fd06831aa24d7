package org.bookshelf.system.support;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation in values: {@code $$} (a literal {@code $}), {@code $VAR},
 * {@code ${VAR}}, {@code ${VAR:-default}} / {@code ${VAR-default}},
 * {@code ${VAR:+alt}} / {@code ${VAR+alt}} and {@code ${VAR:?error}} / {@code ${VAR?error}}; an
 * unset variable without a default becomes "" (compose warns). Nested expressions in a default
 * are refused: Compose v2 expands them, docker-compose 1.29 does not, so a file must not use them.
 */
public final class Interpolation {

  private static final Pattern EXPRESSION =
      Pattern.compile("\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*)|(\\{[^}]*}?))");

  private final Map<String, String> env;
  private final Set<String> referenced = new TreeSet<>();

  public Interpolation(Map<String, String> env) {
    this.env = env;
  }

  /** Every variable name an {@link #apply} call has met so far. */
  public Set<String> referenced() {
    return referenced;
  }

  public String apply(String value) {
    Matcher m = EXPRESSION.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(expand(m, value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String expand(Matcher m, String value) {
    if (m.group(1) != null) {
      return "$";
    }
    if (m.group(6) != null) {
      throw new IllegalArgumentException("invalid interpolation " + m.group() + " in: " + value);
    }
    String name = m.group(2) != null ? m.group(2) : m.group(5);
    referenced.add(name);
    String operator = m.group(3);
    String argument = m.group(4);
    if (argument != null && argument.contains("$")) {
      throw new IllegalArgumentException(
          "nested interpolation in " + m.group() + " (Compose v2 expands it, docker-compose 1.29 does not): " + value);
    }
    String current = env.get(name);
    boolean set = current != null;
    boolean nonEmpty = set && !current.isEmpty();
    if (operator == null) {
      return set ? current : "";
    }
    return switch (operator) {
      case ":-" -> nonEmpty ? current : argument;
      case "-" -> set ? current : argument;
      case ":+" -> nonEmpty ? argument : "";
      case "+" -> set ? argument : "";
      case ":?", "?" -> {
        if (operator.equals(":?") ? !nonEmpty : !set) {
          throw new IllegalArgumentException("required variable " + name + " is missing: " + argument);
        }
        yield current;
      }
      default -> throw new IllegalStateException(operator);
    };
  }
}
