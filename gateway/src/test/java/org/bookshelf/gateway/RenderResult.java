package org.bookshelf.gateway;

/** Outcome of one run of render-config.sh. */
record RenderResult(int exitCode, String stderr) {

  boolean succeeded() {
    return exitCode == 0;
  }
}
