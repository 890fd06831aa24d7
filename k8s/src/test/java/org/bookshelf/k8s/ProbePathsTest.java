package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bookshelf.books.BooksApp;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.DataSources;
import org.bookshelf.service.Metrics;
import org.bookshelf.testsupport.RequiresKubectl;
import org.bookshelf.web.Bundle;
import org.bookshelf.web.WebApp;
import org.bookshelf.web.WebConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The manifests' httpGet probe paths are routes the apps really serve: books-service and
 * books-web run in-process through their own wiring classes (H2 in a temp dir for the
 * service), and each probe path must answer 200. The gateway's path must be an exact nginx
 * location of its real config; the manifest-driven IT probes all three images for real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresKubectl
class ProbePathsTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private HikariDataSource dataSource;
  private Javalin booksService;
  private Javalin booksWeb;

  @BeforeAll
  void startApps(@TempDir Path dataDir) {
    ServiceConfig config = ServiceConfig.from(Map.of("DATA_DIR", dataDir.toString()));
    PrometheusMeterRegistry serviceRegistry = Metrics.newRegistry();
    dataSource = DataSources.create(config, serviceRegistry);
    booksService = BooksApp.create(config, dataSource, serviceRegistry).start(0);
    booksWeb = WebApp.create(WebConfig.from(Map.of()), Bundle.onClasspath(), Metrics.newRegistry()).start(0);
  }

  @AfterAll
  void stopApps() {
    Stream.of(booksService, booksWeb).filter(Objects::nonNull).forEach(Javalin::stop);
    if (dataSource != null) {
      dataSource.close();
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void books_service_answers_200_on_every_probe_path(String overlay) throws Exception {
    for (String path : httpProbePaths(RenderedManifests.render(overlay).workload(Apps.BOOKS_SERVICE))) {
      assertThat(status(booksService, path)).as("%s: books-service GET %s", overlay, path).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void books_web_answers_200_on_every_probe_path_with_its_own_route(String overlay) throws Exception {
    for (String path : httpProbePaths(RenderedManifests.render(overlay).workload(Apps.BOOKS_WEB))) {
      HttpResponse<String> response = get(booksWeb, path);
      assertThat(response.statusCode()).as("%s: books-web GET %s", overlay, path).isEqualTo(200);
      // Not the SPA fallback, which answers 200 with index.html for any path.
      assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void the_gateway_probe_path_is_an_exact_location_answered_by_nginx_itself(String overlay) throws Exception {
    String config = Files.readString(Repository.path("gateway/nginx/api_gateway.conf.template"));
    for (String path : httpProbePaths(RenderedManifests.render(overlay).workload(Apps.GATEWAY))) {
      assertThat(config)
          .as("%s: gateway probe %s", overlay, path)
          .containsPattern("location = " + Pattern.quote(path) + " \\{\\s*(access_log off;\\s*)?return 200 ");
    }
  }

  @ParameterizedTest
  @FieldSource("org.bookshelf.k8s.Overlays#ALL")
  void readiness_follows_the_database_and_liveness_does_not(String overlay) {
    Container container = RenderedManifests.render(overlay).workload(Apps.BOOKS_SERVICE).container();

    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/live");
  }

  static List<String> httpProbePaths(Workload workload) {
    Container container = workload.container();
    return Stream.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())
        .filter(Objects::nonNull)
        .map(Probe::getHttpGet)
        .filter(Objects::nonNull)
        .map(HTTPGetAction::getPath)
        .distinct()
        .toList();
  }

  private int status(Javalin app, String path) throws Exception {
    return get(app, path).statusCode();
  }

  private HttpResponse<String> get(Javalin app, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
