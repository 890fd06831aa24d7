package org.bookshelf.system.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * books-service's own request counter ({@code http_server_requests_seconds_count}), read inside
 * its container: the gateway never exposes /metrics, and the image has bash but no curl.
 */
public final class ServiceMetrics {

  private static final Pattern COUNT =
      Pattern.compile("^http_server_requests_seconds_count\\{(.*)\\}\\s+([0-9.eE+]+)$", Pattern.MULTILINE);

  private ServiceMetrics() {}

  /**
   * Requests books-service counted on the books API ({@code /books} routes, not its probes) with
   * this method, all statuses; 0 before the first one.
   */
  public static long apiRequests(StackContainer booksService, String method) {
    Matcher matcher = COUNT.matcher(scrape(booksService));
    long total = 0;
    while (matcher.find()) {
      String labels = matcher.group(1);
      if (labels.contains("method=\"" + method + "\"") && labels.contains("route=\"/books")) {
        total += (long) Double.parseDouble(matcher.group(2));
      }
    }
    return total;
  }

  /** Requests books-service counted with this method, on any route (unmatched ones too). */
  public static long requests(StackContainer booksService, String method) {
    Matcher matcher = COUNT.matcher(scrape(booksService));
    long total = 0;
    while (matcher.find()) {
      if (matcher.group(1).contains("method=\"" + method + "\"")) {
        total += (long) Double.parseDouble(matcher.group(2));
      }
    }
    return total;
  }

  private static String scrape(StackContainer booksService) {
    String response = ContainerHttp.get(booksService, 5000, "/metrics");
    if (!response.matches("(?s)^HTTP/1\\.[01] 200 .*")) {
      throw new IllegalStateException("GET /metrics in books-service failed: " + response);
    }
    return response;
  }
}
