package org.bookshelf.verifier;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.bookshelf.service.IdentityHeaders;
import org.bookshelf.service.Problem;
import org.bookshelf.service.ProblemResponses;
import org.bookshelf.service.ProblemType;

/**
 * {@code GET /verify}, the gateway's {@code auth_request}: 204 with the caller in
 * {@link IdentityHeaders} when the request's bearer token may write; 401 or 403 with the RFC
 * 6750 error code in {@value #ERROR} and a reason in {@value #REASON} otherwise (the gateway
 * builds its own {@code WWW-Authenticate} and problem body from them, so none is sent here:
 * nginx would copy it and send the header twice).
 */
final class VerifyRoute {

  static final String PATH = "/verify";
  static final String ERROR = "X-Auth-Error";
  static final String REASON = "X-Auth-Reason";
  /** nginx's cache lifetime for this answer: {@code @<epoch seconds>}, or 0 for "do not cache". */
  static final String ACCEL_EXPIRES = "X-Accel-Expires";

  private final BearerCredential credential;
  private final TokenVerifier verifier;
  private final Duration verdictCacheTtl;
  private final Clock clock;

  VerifyRoute(BearerCredential credential, TokenVerifier verifier, Duration verdictCacheTtl, Clock clock) {
    this.credential = credential;
    this.verifier = verifier;
    this.verdictCacheTtl = verdictCacheTtl;
    this.clock = clock;
  }

  void install(JavalinConfig config) {
    config.routes.get(PATH, this::handle);
  }

  private void handle(Context ctx) {
    List<String> headers = Collections.list(ctx.req().getHeaders("Authorization"));
    BearerCredential.Read read = credential.read(headers);
    Verdict verdict =
        read instanceof BearerCredential.Token token
            ? verifier.verify(token.value())
            : (Verdict.Refused) read;
    if (verdict instanceof Verdict.Granted granted) {
      grant(ctx, granted);
    } else {
      refuse(ctx, (Verdict.Refused) verdict);
    }
  }

  private void grant(Context ctx, Verdict.Granted granted) {
    Instant now = clock.instant();
    Instant until = now.plus(verdictCacheTtl);
    if (granted.expiresAt().isBefore(until)) {
      until = granted.expiresAt();
    }
    ctx.status(204)
        .header(IdentityHeaders.SUBJECT, granted.subject())
        .header(IdentityHeaders.NAME, granted.name())
        .header(ACCEL_EXPIRES, until.isAfter(now) ? "@" + until.getEpochSecond() : "0");
  }

  private static void refuse(Context ctx, Verdict.Refused refused) {
    if (!refused.error().isEmpty()) {
      ctx.header(ERROR, refused.error());
    }
    ctx.header(REASON, refused.reason()).header(ACCEL_EXPIRES, "0");
    ProblemType type = refused.status() == 403 ? ProblemType.FORBIDDEN : ProblemType.UNAUTHORIZED;
    ProblemResponses.write(ctx, Problem.of(type, refused.reason(), ctx.path()));
  }
}
