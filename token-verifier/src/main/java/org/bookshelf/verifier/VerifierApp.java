package org.bookshelf.verifier;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.bookshelf.service.StandardService;

/**
 * The one wiring of the token verifier, shared by {@link Main} and the tests. Ready as soon as
 * it serves: an issuer outage must not take it out of rotation (cached keys still verify).
 */
public final class VerifierApp {

  private VerifierApp() {}

  /** With the issuer's keys fetched as configured (JWKS URI or discovery). */
  public static Javalin create(VerifierConfig config, PrometheusMeterRegistry registry) {
    return create(config, KeySources.of(config), registry);
  }

  static Javalin create(
      VerifierConfig config, JWKSource<SecurityContext> keys, PrometheusMeterRegistry registry) {
    VerifyRoute verify =
        new VerifyRoute(
            new BearerCredential(config.maxTokenBytes()),
            new TokenVerifier(config, keys),
            config.verdictCacheTtl(),
            Clock.systemUTC());
    return Javalin.create(
        cfg -> {
          StandardService.configure(cfg, config.common(), registry, () -> {});
          verify.install(cfg);
        });
  }
}
