package dev.descent.core.tuning;

import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.sweep.Objective;
import dev.descent.core.sweep.SweepSummary;
import dev.descent.core.train.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a sweep spent its epochs, cell by cell in start order: the best objective found so far after each cell,
 * against the cells and the epochs spent until then, and the epoch each pruned cell stopped at. This is what
 * tells a search from a grid (the same best for fewer epochs), so it is computed once, here: the sweep page's
 * search panel draws it and {@code /api/sweeps/{id}} returns it.
 *
 * @param steps one per cell with an objective value from the first on, in start order
 * @param pruned the pruned cells in start order
 * @param epochsSpent epochs trained over every cell (each its last recorded epoch)
 * @param best the best objective value, or null while no cell has one
 */
public record SearchTrace(List<Step> steps, List<Stop> pruned, long epochsSpent, Double best) {
  /** After {@code cells} cells had run, {@code epochsSpent} epochs in all, the best value was {@code best}. */
  public record Step(int cells, long epochsSpent, double best) {}

  /**
   * A pruned cell: stopped after {@code epoch} with {@code value} of the metric the pruner watched (null if
   * it recorded none), for the reason the pruner gave.
   */
  public record Stop(String id, int epoch, Double value, String reason) {}

  /** @param runs the sweep's runs in start order */
  public static SearchTrace of(List<Run> runs, Objective objective) {
    boolean max = "max".equals(objective.mode());
    String watched = Pruning.epochMetric(objective.metric());
    List<Step> steps = new ArrayList<>();
    List<Stop> pruned = new ArrayList<>();
    long spent = 0;
    double best = Double.NaN;
    for (int i = 0; i < runs.size(); i++) {
      Run r = runs.get(i);
      spent += epochs(r);
      double v = SweepSummary.objective(objective, r);
      if (Double.isFinite(v) && (Double.isNaN(best) || (max ? v > best : v < best))) {
        best = v;
      }
      if (!Double.isNaN(best)) {
        steps.add(new Step(i + 1, spent, best));
      }
      if (r.status() == RunStatus.PRUNED) {
        MetricSummary m = r.summaries().get(watched);
        pruned.add(new Stop(r.id(), epochs(r), m == null || !Double.isFinite(m.last()) ? null : m.last(), r.error()));
      }
    }
    return new SearchTrace(List.copyOf(steps), List.copyOf(pruned), spent, Double.isNaN(best) ? null : best);
  }

  /** A run's epochs trained: its last recorded training epoch. */
  public static int epochs(Run r) {
    MetricSummary m = r.summaries().get("train_loss");
    return m == null ? 0 : m.lastEpoch();
  }

  /** As JSON for the API: {@code best_so_far}, {@code pruned}, {@code epochs_spent}, {@code best}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("best", best);
    m.put("epochs_spent", epochsSpent);
    List<Map<String, Object>> curve = new ArrayList<>();
    for (Step s : steps) {
      curve.add(Map.of("cells", s.cells(), "epochs_spent", s.epochsSpent(), "best", s.best()));
    }
    m.put("best_so_far", curve);
    List<Map<String, Object>> stops = new ArrayList<>();
    for (Stop s : pruned) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", s.id());
      p.put("epoch", s.epoch());
      p.put("value", s.value());
      p.put("reason", s.reason());
      stops.add(p);
    }
    m.put("pruned", stops);
    return m;
  }
}
