package org.bookshelf.system.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one H2 {@link SystemStack} shared by every test class that asks for it, started on
 * first use and closed when the test run ends (the root store closes it). Tests on it use
 * their own books, never delete the seeded ones, and so can share it.
 */
public final class SharedStack implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SystemStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).computeIfAbsent("h2", key -> SystemStack.startOnH2(), SystemStack.class);
  }
}
