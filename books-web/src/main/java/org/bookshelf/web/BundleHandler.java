package org.bookshelf.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Optional;

/**
 * Serves the React app:
 * <ul>
 *   <li>{@code /assets/*} (hashed by Vite, so their content never changes): cached for a year,
 *       {@code immutable}; a missing one is a 404, never the HTML page, so a stale reference
 *       fails visibly instead of being parsed as JavaScript;</li>
 *   <li>other files of the bundle, and {@code index.html} for every other path (the app's own
 *       routes, e.g. {@code /book/978…}): {@code no-cache}, so a new release shows at the next
 *       load, revalidated cheaply by ETag;</li>
 *   <li>the stored brotli or gzip copy when the client accepts it, with
 *       {@code Vary: Accept-Encoding}.</li>
 * </ul>
 */
public final class BundleHandler implements Handler {

  static final String ASSETS = "/assets/";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";

  private final Bundle bundle;

  public BundleHandler(Bundle bundle) {
    this.bundle = bundle;
  }

  @Override
  public void handle(Context ctx) {
    String path = ctx.path();
    if (path.startsWith(ASSETS)) {
      BundleFile asset = bundle.find(path).orElseThrow(NotFoundResponse::new);
      send(ctx, asset, IMMUTABLE);
      return;
    }
    Optional<BundleFile> file = path.equals("/") ? Optional.empty() : bundle.find(path);
    BundleFile page =
        file.or(() -> bundle.find(Bundle.INDEX))
            .orElseThrow(() -> new IllegalStateException("the bundle has no index.html"));
    send(ctx, page, REVALIDATE);
  }

  private static void send(Context ctx, BundleFile file, String cacheControl) {
    ContentEncoding encoding = file.encodingFor(ctx.header("Accept-Encoding"));
    String etag = file.etag(encoding);
    ctx.header("Cache-Control", cacheControl);
    ctx.header("ETag", etag);
    if (file.hasCompressedVariants()) {
      ctx.header("Vary", "Accept-Encoding");
    }
    if (matches(ctx.header("If-None-Match"), etag)) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    if (encoding != ContentEncoding.IDENTITY) {
      ctx.header("Content-Encoding", encoding.token());
    }
    ctx.contentType(file.contentType()).result(file.bytes(encoding));
  }

  /** Weak comparison, as If-None-Match requires (RFC 9110 §13.1.2). */
  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || tag.replaceFirst("^W/", "").equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
