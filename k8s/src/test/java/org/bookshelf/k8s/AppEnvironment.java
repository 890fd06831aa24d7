package org.bookshelf.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bookshelf.service.CommonSettings;
import org.bookshelf.service.EnvConfig;
import org.bookshelf.service.Setting;

/**
 * The environment variables each workload's app reads, found by the workload's image: the Java
 * apps declare theirs as {@link Setting}s ({@link JavaApps}); the gateway's are the variables its
 * {@code render-config.sh} gives defaults, then the upstream variable of each declared route
 * ({@code gateway/nginx/apis/*.api}); PostgreSQL's
 * are what the offline stand-in's entrypoint reads (it keeps the official image's contract).
 */
public final class AppEnvironment {

  static final String GATEWAY_IMAGE = "books-gateway";
  static final String POSTGRES_IMAGE = "postgres";
  static final String IDENTITY_IMAGE = "books-identity";

  /** Seconds Keycloak takes to finish after SIGTERM: Quarkus without a shutdown timeout stops at once. */
  static final long IDENTITY_DRAIN_SECONDS = 0;

  private static final Pattern SCRIPT_DEFAULT = Pattern.compile(": \"\\$\\{([A-Z][A-Z0-9_]*):=([^}]*)}\"");
  private static final Pattern DECLARED_UPSTREAM =
      Pattern.compile("(?m)^upstream[ \\t]+([A-Z][A-Z0-9_]*)(?:[ \\t]+(\\S+))?[ \\t]*$");
  private static final Pattern SHELL_REFERENCE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");
  private static final Pattern REALM_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
  private static final Pattern DOCUMENTED_KEYCLOAK_OPTION = Pattern.compile("(?m)^\\| `(KC_[A-Z0-9_]+)` \\|");

  private AppEnvironment() {}

  public static Set<String> readBy(Workload workload) {
    var java = JavaApps.of(workload);
    if (java.isPresent()) {
      return java.get().settings().stream().map(Setting::name).collect(Collectors.toCollection(TreeSet::new));
    }
    return switch (workload.imageName()) {
      case GATEWAY_IMAGE -> new TreeSet<>(gatewayDefaults().keySet());
      case POSTGRES_IMAGE -> matches(SHELL_REFERENCE, read("tools/offline-images/postgres-entrypoint.sh"));
      case IDENTITY_IMAGE -> identityVariables();
      default -> throw unknown(workload);
    };
  }

  /**
   * Keycloak reads KC_ plus an option's name; the ones this project sets are its documented
   * contract (docs/identity.md, "Environment"). The realm file reads its placeholders.
   */
  private static Set<String> identityVariables() {
    Set<String> names = matches(DOCUMENTED_KEYCLOAK_OPTION, read("docs/identity.md"));
    names.addAll(matches(REALM_PLACEHOLDER, read("identity/realm/bookshelf-realm.json")));
    return names;
  }

  /** How long the app may take to finish in-flight work after SIGTERM (SIGQUIT for nginx). */
  public static long drainSeconds(Workload workload, Map<String, String> env) {
    if (JavaApps.of(workload).isPresent()) {
      return CommonSettings.from(new EnvConfig(env)).shutdownTimeout().toSeconds();
    }
    if (workload.imageName().equals(GATEWAY_IMAGE)) {
      return seconds(env.getOrDefault("GATEWAY_PROXY_READ_TIMEOUT", gatewayDefault("GATEWAY_PROXY_READ_TIMEOUT")));
    }
    if (workload.imageName().equals(IDENTITY_IMAGE)) {
      return IDENTITY_DRAIN_SECONDS;
    }
    throw unknown(workload);
  }

  /** A default from render-config.sh, e.g. {@code 30s} for GATEWAY_PROXY_READ_TIMEOUT. */
  public static String gatewayDefault(String variable) {
    String value = gatewayDefaults().get(variable);
    if (value == null) {
      throw new IllegalStateException("render-config.sh has no default for " + variable);
    }
    return value;
  }

  /**
   * Every variable render-config.sh assigns a default, with that default, in script order; then
   * each declared route's upstream variable (empty: optional), in file order.
   */
  public static Map<String, String> gatewayDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    Matcher m = SCRIPT_DEFAULT.matcher(read("gateway/render-config.sh"));
    while (m.find()) {
      defaults.put(m.group(1), m.group(2));
    }
    for (String declaration : gatewayDeclarations()) {
      Matcher upstream = DECLARED_UPSTREAM.matcher(read(declaration));
      while (upstream.find()) {
        defaults.put(upstream.group(1), upstream.group(2) == null ? "" : upstream.group(2));
      }
    }
    return defaults;
  }

  private static List<String> gatewayDeclarations() {
    try (Stream<Path> files = Files.list(Repository.path("gateway/nginx/apis"))) {
      return files.map(f -> "gateway/nginx/apis/" + f.getFileName()).filter(f -> f.endsWith(".api")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AssertionError unknown(Workload workload) {
    return new AssertionError(
        workload.name() + " runs image " + workload.imageName() + ", whose environment is not known:"
            + " a Java app registers its AppSettings in META-INF/services and k8s/pom.xml depends on"
            + " it (test scope)");
  }

  private static long seconds(String nginxDuration) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(nginxDuration);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an nginx duration: " + nginxDuration);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> (n + 999) / 1000;
      case "m" -> n * 60;
      default -> n;
    };
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static String read(String file) {
    try {
      return Files.readString(Repository.path(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
