package org.bookshelf.k8s.policy;

/** A connection from one endpoint to another on a port, e.g. {@code gateway -> books-service:5000/TCP}. */
public record Flow(String from, String to, int port, String protocol) {

  @Override
  public String toString() {
    return from + " -> " + to + ":" + port + "/" + protocol;
  }
}
