package dev.descent.core.tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The parameters a search chooses, in an order where every parameter comes after the categoricals its
 * {@code when:} names (the reader checks there are no cycles), so one pass decides which exist.
 */
public record SearchSpace(List<Param> params) {
  public SearchSpace {
    params = List.copyOf(params);
  }

  /** A configuration drawn uniformly: each active parameter from its distribution, in order. */
  public Map<String, Object> sample(SplittableRandom random) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : params) {
      Object v = p.distribution().sample(random); // drawn even when inactive, so later draws do not shift
      if (p.activeIn(values)) {
        values.put(p.name(), v);
      }
    }
    return values;
  }

  /** Whether two categorical values are the same choice: {@code 0.1} written as {@code 1e-1}, 64 as 64.0. */
  static boolean sameChoice(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  /** The index of {@code value} among a categorical's choices, or -1. */
  static int indexOf(Distribution.Categorical c, Object value) {
    for (int i = 0; i < c.values().size(); i++) {
      if (sameChoice(c.values().get(i), value)) {
        return i;
      }
    }
    return -1;
  }
}
