package org.bookshelf.system.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one of two {@link SystemStack}s shared by every test class that asks: the H2 stack
 * (docker-compose.yml as it is), or, for a parameter marked {@link OnPostgres}, the PostgreSQL
 * variant with its two replicas and the gateway's rate limits raised out of the way (the load
 * and fault tests measure the system, not the limit). Each starts on first use and is removed
 * when the test run ends (the root store closes it). Tests on a shared stack use their own books
 * and never delete the seeded ones; one that stops or kills a part gets it back from
 * {@link SystemStack#restore()}, which runs when a class first receives the stack.
 */
public final class SharedStack implements ParameterResolver {

  /** The PostgreSQL variant rather than the H2 stack. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface OnPostgres {}

  /** The gateway's limits, raised for the load and fault tests on the PostgreSQL stack. */
  public static final Map<String, String> HIGH_LIMITS =
      Map.of(
          "GATEWAY_RATE_LIMIT", "1000r/s", "GATEWAY_RATE_LIMIT_BURST", "1000",
          "GATEWAY_WRITE_RATE_LIMIT", "1000r/s", "GATEWAY_WRITE_RATE_LIMIT_BURST", "1000");

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SystemStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    boolean postgres = parameter.isAnnotated(OnPostgres.class);
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    SystemStack stack = postgres
        ? store.computeIfAbsent("postgres", key -> SystemStack.start("shared-pg", SystemStack.Variant.POSTGRES, HIGH_LIMITS), SystemStack.class)
        : store.computeIfAbsent("h2", key -> SystemStack.start("shared-h2", SystemStack.Variant.H2, Map.of()), SystemStack.class);
    // Once per class and stack: what an earlier class stopped comes back before this one runs.
    store.computeIfAbsent(context.getRequiredTestClass().getName() + (postgres ? "/postgres" : "/h2"), key -> {
      stack.restore();
      return Boolean.TRUE;
    }, Boolean.class);
    return stack;
  }
}
