package org.bookshelf.system.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bookshelf.system.support.ApiLoad.Outcome;

/** What an {@link ApiLoad} run saw: counts, failures and the fate of every POST. */
public record LoadReport(long startedNanos, List<Outcome> outcomes) {

  public long sent() {
    return outcomes.size();
  }

  public List<Outcome> failures() {
    return outcomes.stream().filter(Outcome::failed).toList();
  }

  public List<Outcome> failures(String method) {
    return failures().stream().filter(o -> o.method().equals(method)).toList();
  }

  public long sent(String method) {
    return outcomes.stream().filter(o -> o.method().equals(method)).count();
  }

  /** ISBNs whose POST was answered 201: they must be stored, once. */
  public Set<String> acknowledged() {
    return posts().filter(o -> o.status() == 201).map(Outcome::isbn).collect(Collectors.toSet());
  }

  /** ISBNs whose POST got no answer or a 5xx: stored once or not at all, never twice. */
  public Set<String> unknown() {
    return posts().filter(o -> o.status() == -1 || o.status() >= 500).map(Outcome::isbn).collect(Collectors.toSet());
  }

  /** ISBNs whose POST got a 4xx: a fresh ISBN must never be refused (409 would mean a replay). */
  public List<Outcome> refusedPosts() {
    return posts().filter(o -> o.status() >= 400 && o.status() < 500).toList();
  }

  private java.util.stream.Stream<Outcome> posts() {
    return outcomes.stream().filter(o -> o.method().equals("POST"));
  }

  /** One printable line: counts, error rate, statuses, and the failure window after {@code faultNanos}. */
  public String summary(String label, long faultNanos) {
    Map<String, Long> statuses = new TreeMap<>();
    for (Outcome o : outcomes) {
      statuses.merge(o.method() + " " + (o.status() == -1 ? "no-answer" : o.status()), 1L, Long::sum);
    }
    List<Outcome> failures = failures();
    String window =
        failures.isEmpty()
            ? "none"
            : String.format("%.1f s to %.1f s after the fault",
                (failures.get(0).atNanos() - faultNanos) / 1e9, (failures.get(failures.size() - 1).atNanos() - faultNanos) / 1e9);
    return String.format(
        "[reliability] %s: %d requests (%d GET, %d POST) in %.1f s, %d failed (%.2f %%: %d GET, %d POST), failures %s, statuses %s",
        label, sent(), sent("GET"), sent("POST"),
        (outcomes.isEmpty() ? 0 : outcomes.get(outcomes.size() - 1).atNanos() - startedNanos) / 1e9,
        failures.size(), sent() == 0 ? 0.0 : 100.0 * failures.size() / sent(),
        failures("GET").size(), failures("POST").size(), window, statuses);
  }
}
