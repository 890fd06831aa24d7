package org.bookshelf.baseimages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

@RequiresDocker
class NginxBaseIT {

  @Test
  void an_image_built_from_the_base_serves_http_as_a_non_root_user_on_8080() throws Exception {
    var image =
        new ImageFromDockerfile("bookshelf-test/nginx-base-check", true)
            .withFileFromClasspath("nginx.conf", "nginx/nginx.conf")
            .withFileFromClasspath("index.html", "nginx/index.html")
            .withDockerfileFromBuilder(
                dockerfile ->
                    dockerfile
                        .from(TestSettings.nginxImage())
                        .copy("nginx.conf", "/etc/nginx/nginx.conf")
                        .copy("index.html", "/usr/share/nginx/html/index.html")
                        .user("101")
                        .expose(8080)
                        .cmd("nginx", "-g", "daemon off;")
                        .build());

    try (var nginx =
        new GenericContainer<>(image)
            .withExposedPorts(8080)
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
            .withTmpFs(Map.of("/tmp", "rw"))
            .waitingFor(Wait.forHttp("/index.html").forStatusCode(200))) {
      nginx.start();

      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + nginx.getMappedPort(8080) + "/index.html"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      // PID 1 is the nginx master: its real and effective uid must be the unprivileged one.
      String master = nginx.execInContainer("grep", "^Uid:", "/proc/1/status").getStdout();

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("served by the nginx base");
      assertThat(master.split("\\s+")).containsSequence("Uid:", "101", "101");
    }
  }
}
