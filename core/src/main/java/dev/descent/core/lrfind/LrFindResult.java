package dev.descent.core.lrfind;

import java.util.List;

/**
 * What the test found.
 *
 * @param points every step taken, in order
 * @param suggestion null when the test stopped too early to suggest anything
 * @param stopped why it ended before its last step (divergence), or null when it ran them all
 * @param plannedSteps how many steps it would have taken
 */
public record LrFindResult(List<LrPoint> points, LrSuggestion suggestion, String stopped, int plannedSteps,
    double seconds) {
  public LrFindResult {
    points = List.copyOf(points);
  }

  /** The smallest smoothed loss reached. */
  public double minimum() {
    return points.stream().mapToDouble(LrPoint::smoothed).min().orElse(Double.NaN);
  }
}
