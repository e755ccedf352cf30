package dev.descent.core.lrfind;

import java.util.List;

/**
 * The suggested learning rate: where the smoothed loss falls fastest against log(lr), fastai's {@code steep}
 * rule. The first tenth of the points (the smoothing is still warming up) and the last five (the loss is taking
 * off) are skipped, as fastai's {@code lr_find} skips them; and only the descent up to the smoothed loss's minimum
 * counts, so a noisy dip while the loss is already blowing up is never suggested (fastai does not guard this).
 *
 * @param index the point chosen, in the test's points
 * @param slope the smoothed loss's change per unit of ln(lr) there (negative)
 */
public record LrSuggestion(double lr, int index, double slope, String rule) {
  public static final String RULE = "steepest descent of the smoothed loss against log(lr) before its minimum,"
      + " skipping the first tenth and the last 5 points (fastai's 'steep')";

  /** The suggestion for {@code points}, or null when there are too few points left to choose from. */
  public static LrSuggestion of(List<LrPoint> points, int plannedSteps) {
    int from = plannedSteps / 10;
    int minimum = 0;
    for (int i = 1; i < points.size(); i++) {
      minimum = points.get(i).smoothed() < points.get(minimum).smoothed() ? i : minimum;
    }
    int to = Math.min(points.size() - 5, minimum + 1);
    int best = -1;
    double steepest = Double.POSITIVE_INFINITY;
    for (int i = from; i + 1 < to; i++) {
      LrPoint a = points.get(i);
      LrPoint b = points.get(i + 1);
      double slope = (b.smoothed() - a.smoothed()) / (Math.log(b.lr()) - Math.log(a.lr()));
      if (slope < steepest) {
        steepest = slope;
        best = i;
      }
    }
    return best < 0 ? null : new LrSuggestion(points.get(best).lr(), best, steepest, RULE);
  }
}
