package org.bookshelf.system.support;

/**
 * A GET sent from inside a container to one of its own ports, for what only the Docker network
 * may reach (probes, /metrics). The images have bash but no curl: bash's /dev/tcp speaks HTTP.
 */
public final class ContainerHttp {

  private ContainerHttp() {}

  /** The raw HTTP/1.0 response (HTTP/1.0: no chunked encoding), or "" when nothing answered. */
  public static String get(StackContainer container, int port, String path) {
    String script =
        "exec 3<>/dev/tcp/127.0.0.1/" + port
            + " && printf 'GET " + path + " HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && timeout 20 cat <&3";
    Commands.Result result = container.exec("bash", "-c", script);
    return result.exitCode() == 0 ? result.output() : "";
  }

  /** The status code of that GET, or -1 when nothing answered. */
  public static int status(StackContainer container, int port, String path) {
    String response = get(container, port, path);
    String[] statusLine = response.lines().findFirst().orElse("").split(" ");
    return statusLine.length > 1 && statusLine[0].startsWith("HTTP/") ? Integer.parseInt(statusLine[1]) : -1;
  }
}
