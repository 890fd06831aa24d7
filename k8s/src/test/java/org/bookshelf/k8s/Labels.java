package org.bookshelf.k8s;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Kubernetes label selector semantics: matchLabels and matchExpressions, all must hold. */
public final class Labels {

  private Labels() {}

  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false; // a missing selector selects nothing (an empty one selects everything)
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null && !matches(selector.getMatchLabels(), actual)) {
      return false;
    }
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    return expressions.stream().allMatch(e -> matches(e, actual));
  }

  /** A Service's or matchLabels' map selector: every pair present. */
  public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    Map<String, String> actual = labels == null ? Map.of() : labels;
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("unknown operator " + requirement.getOperator());
    };
  }
}
