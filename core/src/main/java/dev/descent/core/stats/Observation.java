package dev.descent.core.stats;

import java.util.Map;

/**
 * One finished run as the ANOVA sees it: its level of each factor (a grid axis, its value as text) and its
 * objective value. Seeds are not a factor: runs that differ only by seed are replicates of one cell.
 */
public record Observation(Map<String, String> levels, double value) {
  public Observation {
    levels = Map.copyOf(levels);
  }
}
