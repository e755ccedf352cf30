package dev.descent.core.tuning;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code search.space}: a name as a grid axis writes it ({@code learning_rate},
 * {@code training.optimizer.momentum}) and its distribution.
 *
 * @param when the categorical parameters this one depends on, each to the values under which it exists;
 *     empty for a parameter that always exists. A parameter absent from a trial keeps the file's value.
 */
public record Param(String name, Distribution distribution, Map<String, List<Object>> when) {
  public Param {
    when = Map.copyOf(when);
  }

  /** Whether this parameter exists in a trial that has chosen {@code values} so far. */
  public boolean activeIn(Map<String, Object> values) {
    for (Map.Entry<String, List<Object>> e : when.entrySet()) {
      Object chosen = values.get(e.getKey());
      if (chosen == null || e.getValue().stream().noneMatch(v -> SearchSpace.sameChoice(v, chosen))) {
        return false;
      }
    }
    return true;
  }
}
