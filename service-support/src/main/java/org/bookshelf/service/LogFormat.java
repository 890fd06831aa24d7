package org.bookshelf.service;

/** {@code LOG_FORMAT}: plain text for people, JSON (one object per line) for log shippers. */
public enum LogFormat {
  TEXT,
  JSON
}
