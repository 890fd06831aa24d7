package org.bookshelf.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bookshelf.service.CommonSettings;

/**
 * The environment variables each app reads, derived from its code, not a hand-kept list: the
 * Java services' {@code EnvConfig} reads ({@code env.string("PORT", …)}) and {@code getenv}
 * calls; the gateway's {@code render-config.sh} defaults; the PostgreSQL entrypoint's references.
 */
public final class AppEnvironment {

  private static final Pattern JAVA_READ =
      Pattern.compile("(?:env\\.(?:string|integer|bool|oneOf)|getenv)\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
  private static final Pattern SCRIPT_DEFAULT = Pattern.compile(": \"\\$\\{([A-Z][A-Z0-9_]*):=");
  private static final Pattern SHELL_REFERENCE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");

  private AppEnvironment() {}

  public static Set<String> readBy(String workload) {
    return switch (workload) {
      case Apps.BOOKS_SERVICE -> javaReads("books-service/src/main/java", "service-support/src/main/java");
      case Apps.BOOKS_WEB -> javaReads("books-web/src/main/java", "service-support/src/main/java");
      case Apps.GATEWAY -> matches(SCRIPT_DEFAULT, read("gateway/render-config.sh"));
      // The offline stand-in keeps the official image's contract; its entrypoint is the spec.
      case Apps.POSTGRES -> matches(SHELL_REFERENCE, read("tools/offline-images/postgres-entrypoint.sh"));
      default -> throw new IllegalArgumentException(workload);
    };
  }

  /** How long the app may take to finish in-flight work after SIGTERM (SIGQUIT for nginx). */
  public static long drainSeconds(String workload, Map<String, String> env) {
    return switch (workload) {
      case Apps.BOOKS_SERVICE, Apps.BOOKS_WEB -> Long.parseLong(env.getOrDefault(
          "SHUTDOWN_TIMEOUT_SECONDS", String.valueOf(CommonSettings.DEFAULT_SHUTDOWN_TIMEOUT_SECONDS)));
      case Apps.GATEWAY -> seconds(env.getOrDefault("GATEWAY_PROXY_READ_TIMEOUT", gatewayDefault("GATEWAY_PROXY_READ_TIMEOUT")));
      default -> throw new IllegalArgumentException(workload);
    };
  }

  /** A default from render-config.sh, e.g. {@code 30s} for GATEWAY_PROXY_READ_TIMEOUT. */
  public static String gatewayDefault(String variable) {
    Matcher m = Pattern.compile(": \"\\$\\{" + variable + ":=([^}]*)}\"").matcher(read("gateway/render-config.sh"));
    if (!m.find()) {
      throw new IllegalStateException("render-config.sh has no default for " + variable);
    }
    return m.group(1);
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

  private static Set<String> javaReads(String... sourceRoots) {
    Set<String> names = new TreeSet<>();
    for (String root : sourceRoots) {
      try (Stream<Path> files = Files.walk(Repository.path(root))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          names.addAll(matches(JAVA_READ, Files.readString(file)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
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

  static List<String> workloads() {
    return List.of(Apps.BOOKS_SERVICE, Apps.BOOKS_WEB, Apps.GATEWAY, Apps.POSTGRES);
  }
}
