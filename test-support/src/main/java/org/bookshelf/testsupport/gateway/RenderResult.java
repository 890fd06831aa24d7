package org.bookshelf.testsupport.gateway;

/** How a run of render-config.sh ended: its exit code and what it said on stderr. */
public record RenderResult(int exitCode, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }
}
