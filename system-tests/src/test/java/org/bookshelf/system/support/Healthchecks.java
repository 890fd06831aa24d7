package org.bookshelf.system.support;

import com.github.dockerjava.api.model.HealthCheck;
import java.time.Duration;
import java.util.List;

/**
 * The same HTTP healthcheck as docker-compose.yml: the images have no curl or wget, but bash
 * (every base the build uses) speaks HTTP through /dev/tcp. Checked often, for quick tests.
 */
public final class Healthchecks {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private Healthchecks() {}

  public static HealthCheck http(int port, String path) {
    String script =
        "exec 3<>/dev/tcp/127.0.0.1/" + port
            + " && printf 'GET " + path + " HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3"
            + " && read -r _ status _ <&3 && [ \"$status\" = 200 ]";
    return new HealthCheck()
        .withTest(List.of("CMD", "bash", "-c", script))
        .withInterval(SECOND)
        .withTimeout(3 * SECOND)
        .withRetries(3)
        .withStartPeriod(60 * SECOND);
  }
}
