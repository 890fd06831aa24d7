package org.bookshelf.baseimages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/** Runs the image that Jib built in this module's package phase on the JRE base. */
@RequiresDocker
class JreBaseIT {

  @Test
  void jib_image_on_the_jre_base_runs_java_17_as_the_non_root_app_user() {
    try (var hello =
        new GenericContainer<>(TestSettings.projectImage("base-images"))
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withMemory(256L << 20))
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
      hello.start();

      String output = hello.getLogs();
      assertThat(output).contains("hello from java 17");
      // 75% of the 256 MB limit: the JVM sized its heap from the container, not the host.
      assertThat(output).containsPattern("user (app|\\?), 1[6-9][0-9] MB max heap");
    }
  }
}
