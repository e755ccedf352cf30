package dev.descent.core.tuning;

import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;

/** What a sweep has spent so far, read from the store so every process of the sweep counts the same. */
public final class Budgets {
  private Budgets() {}

  /** Epochs trained over every cell of sweep {@code sweepId}: each run's last recorded epoch of the objective. */
  public static long epochsSpent(RunStore store, String sweepId, String objective) {
    String metric = Pruning.epochMetric(objective);
    long sum = 0;
    for (Run r : store.summaries(store.cellIds(sweepId))) {
      MetricSummary s = r.summaries().get(metric);
      sum += s == null ? 0 : s.lastEpoch();
    }
    return sum;
  }
}
