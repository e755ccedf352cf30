package dev.descent.core.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The median stopping rule, as Optuna's {@code MedianPruner} applies it: once {@code startup_trials}
 * trials have finished and the trial is past {@code warmup_epochs}, it stops when its best value so far is
 * worse than the median of the finished trials' values at the same epoch.
 */
public record MedianRule(int startupTrials, int warmupEpochs, String metric, boolean max) implements PruneRule {

  @Override
  public String check(int epoch, Curve own, List<Curve> others) {
    if (epoch <= warmupEpochs) {
      return null;
    }
    List<Curve> finished = others.stream().filter(Curve::finished).toList();
    if (finished.size() < startupTrials || finished.isEmpty()) {
      return null;
    }
    List<Double> at = new ArrayList<>();
    for (Curve c : finished) {
      double v = c.at(epoch);
      if (!Double.isNaN(v)) {
        at.add(v);
      }
    }
    if (at.isEmpty()) {
      return null;
    }
    double median = median(at);
    double best = Double.NaN;
    for (int e = 1; e <= epoch; e++) {
      double v = own.at(e);
      if (!Double.isNaN(v) && (Double.isNaN(best) || (max ? v > best : v < best))) {
        best = v;
      }
    }
    boolean worse = Double.isNaN(best) || (max ? best < median : best > median);
    if (!worse) {
      return null;
    }
    return String.format(Locale.ROOT, "best %s %.4g %s the median %.4g of %d finished trials at epoch %d", metric,
        best, max ? "below" : "above", median, at.size(), epoch);
  }

  /** The median, the mean of the middle two for an even count (numpy's, which Optuna uses). */
  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
