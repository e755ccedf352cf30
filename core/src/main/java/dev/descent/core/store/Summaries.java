package dev.descent.core.store;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keeps each metric's {@link MetricSummary} up to date as points arrive, so reading a run never scans
 * its metrics. NaN and infinite values (a diverging run) count as the last value but never as the
 * minimum, maximum or best; the earliest epoch wins a tie for best.
 */
final class Summaries {
  private Summaries() {}

  /** Folds {@code points} into {@code summaries} (mutated), in epoch order. */
  static void fold(Map<String, MetricSummary> summaries, List<MetricPoint> points) {
    points.stream().sorted(Comparator.comparingInt(MetricPoint::epoch))
        .forEach(p -> summaries.merge(p.key(), first(p), (old, x) -> add(p.key(), old, p)));
  }

  private static MetricSummary first(MetricPoint p) {
    boolean finite = Double.isFinite(p.value());
    double v = finite ? p.value() : Double.NaN;
    return new MetricSummary(p.value(), v, v, finite ? p.epoch() : 0, p.epoch());
  }

  private static MetricSummary add(String key, MetricSummary s, MetricPoint p) {
    boolean latest = p.epoch() >= s.lastEpoch();
    double last = latest ? p.value() : s.last();
    int lastEpoch = latest ? p.epoch() : s.lastEpoch();
    double v = p.value();
    if (!Double.isFinite(v)) {
      return new MetricSummary(last, s.min(), s.max(), s.bestEpoch(), lastEpoch);
    }
    double best = MetricSummary.higherIsBetter(key) ? s.max() : s.min();
    boolean better = s.bestEpoch() == 0 || (MetricSummary.higherIsBetter(key) ? v > best : v < best)
        || (v == best && p.epoch() < s.bestEpoch());
    double min = Double.isNaN(s.min()) ? v : Math.min(s.min(), v);
    double max = Double.isNaN(s.max()) ? v : Math.max(s.max(), v);
    return new MetricSummary(last, min, max, better ? p.epoch() : s.bestEpoch(), lastEpoch);
  }
}
