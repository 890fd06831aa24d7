package org.bookshelf.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.testcontainers.containers.ContainerState;

/** Runs a manifest's probe against a running container the way the kubelet does. */
public final class Kubelet {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Kubelet() {}

  /** The probe's verdict: httpGet 200-399, tcpSocket connects, exec exits 0. */
  public static ProbeResult probe(ContainerState running, Container spec, Probe probe) {
    try {
      if (probe.getHttpGet() != null) {
        int port = Ports.resolve(probe.getHttpGet().getPort(), spec).orElseThrow().getContainerPort();
        URI uri = URI.create("http://" + running.getHost() + ":" + running.getMappedPort(port)
            + probe.getHttpGet().getPath());
        HttpResponse<String> response = HTTP.send(
            HttpRequest.newBuilder(uri).timeout(timeout(probe)).build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        return new ProbeResult(status >= 200 && status < 400, "GET " + uri.getPath() + " -> " + status);
      }
      if (probe.getTcpSocket() != null) {
        int port = Ports.resolve(probe.getTcpSocket().getPort(), spec).orElseThrow().getContainerPort();
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(running.getHost(), running.getMappedPort(port)),
              (int) timeout(probe).toMillis());
          return new ProbeResult(true, "tcp " + port + " open");
        }
      }
      var result = running.execInContainer(probe.getExec().getCommand().toArray(String[]::new));
      return new ProbeResult(result.getExitCode() == 0,
          "exec " + probe.getExec().getCommand() + " -> " + result.getExitCode() + " " + result.getStderr());
    } catch (IOException e) {
      return new ProbeResult(false, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProbeResult(false, "interrupted");
    }
  }

  /** How long the kubelet would wait for a container to start: the startup probe's budget. */
  public static Duration startupBudget(Container spec) {
    Probe startup = spec.getStartupProbe();
    int delay = startup.getInitialDelaySeconds() == null ? 0 : startup.getInitialDelaySeconds();
    int period = startup.getPeriodSeconds() == null ? 10 : startup.getPeriodSeconds();
    int failures = startup.getFailureThreshold() == null ? 3 : startup.getFailureThreshold();
    return Duration.ofSeconds(delay + (long) period * failures);
  }

  private static Duration timeout(Probe probe) {
    return Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
  }

  /** A probe's outcome and what it saw. */
  public record ProbeResult(boolean passed, String detail) {}
}
