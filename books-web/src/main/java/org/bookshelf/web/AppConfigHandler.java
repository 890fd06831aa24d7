package org.bookshelf.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /app-config.json}: the runtime settings the React app reads at start, so one bundle
 * serves any issuer and the CSP stays {@code 'self'} (no inline script carrying them). Written
 * once at start; {@code no-cache} so a changed setting shows at the next load.
 */
final class AppConfigHandler implements Handler {

  static final String PATH = "/app-config.json";

  private final String body;

  AppConfigHandler(Optional<SignInSettings> signIn) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("signIn", signIn.map(AppConfigHandler::view).orElse(null));
    try {
      body = new ObjectMapper().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings and maps always serialise", e);
    }
  }

  private static Map<String, String> view(SignInSettings s) {
    Map<String, String> view = new LinkedHashMap<>();
    view.put("issuer", s.issuer());
    view.put("clientId", s.clientId());
    view.put("roleClaim", s.roleClaim());
    view.put("editorRole", s.editorRole());
    return view;
  }

  @Override
  public void handle(Context ctx) {
    ctx.header("Cache-Control", BundleHandler.REVALIDATE);
    ctx.contentType("application/json").result(body);
  }
}
