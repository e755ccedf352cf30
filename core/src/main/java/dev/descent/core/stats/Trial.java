package dev.descent.core.stats;

import java.util.Map;

/**
 * One finished run of a random or TPE search as importance sees it: the parameters it had (a conditional one is
 * absent where it was not active) and its objective value.
 */
public record Trial(Map<String, Object> params, double value) {
  public Trial {
    params = Map.copyOf(params);
  }
}
