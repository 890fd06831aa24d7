package org.bookshelf.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.bookshelf.service.StandardService;

/** The one wiring class: the shared service plumbing, then the bundle on every other GET path. */
public final class WebApp {

  private WebApp() {}

  public static Javalin create(WebConfig config, Bundle bundle, PrometheusMeterRegistry registry) {
    BundleHandler handler = new BundleHandler(bundle);
    return Javalin.create(
        cfg -> {
          // Health, metrics, request ids, access log, problem+json, graceful stop. Registered
          // first, so their routes win over the catch-all below.
          StandardService.configure(cfg, config.common(), registry, () -> requireIndex(bundle));
          // Everything is stored precompressed; compressing again would only cost CPU.
          cfg.http.compressionStrategy = CompressionStrategy.NONE;
          AppConfigHandler appConfig = new AppConfigHandler(config.signIn());
          cfg.routes.get(AppConfigHandler.PATH, appConfig);
          cfg.routes.head(AppConfigHandler.PATH, appConfig);
          cfg.routes.get("/*", handler);
          cfg.routes.head("/*", handler);
        });
  }

  private static void requireIndex(Bundle bundle) {
    if (bundle.find(Bundle.INDEX).isEmpty()) {
      throw new IllegalStateException("the React bundle (public/index.html) is not on the classpath");
    }
  }
}
