package org.bookshelf.service;

/** Throws when the service cannot serve yet (e.g. the database does not answer). */
@FunctionalInterface
public interface ReadinessCheck {
  void verify() throws Exception;
}
