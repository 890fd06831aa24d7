package org.bookshelf.service;

/** {@code LOG_LEVEL}: the root logger's level. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR
}
