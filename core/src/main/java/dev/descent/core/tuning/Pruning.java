package dev.descent.core.tuning;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.CellPruned;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepPlan;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep's pruner at work: after each epoch of a cell (once the recorder has stored it) it reads the
 * recorded objective of the sweep's other cells in the store, so every process of a sweep decides from the same evidence,
 * and stops the cell with {@link CellPruned} when the rule says so.
 */
public record Pruning(PrunerSpec spec) implements SweepPlan {

  /** The plan for a pruner section: {@link SweepPlan#NONE} when it prunes nothing. */
  public static SweepPlan plan(PrunerSpec spec) {
    return spec.prunes() ? new Pruning(spec) : SweepPlan.NONE;
  }

  @Override
  public String pruner() {
    return spec.method();
  }

  /** The per-epoch metric a pruner watches for an objective: a test metric is watched on the validation set. */
  public static String epochMetric(String objective) {
    return objective.startsWith("test_") ? "val_" + objective.substring(5) : objective;
  }

  @Override
  public TrainingListener listenerFor(Sweep sweep, Cell cell, RunStore store) {
    String metric = epochMetric(sweep.objective().metric());
    PruneRule rule = PruneRule.of(spec, metric, "max".equals(sweep.objective().mode()));
    List<Double> own = new ArrayList<>();
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics m) {
        own.add(m.get(metric));
        // every cell of the sweep in the store: a search's later proposals and other processes' cells too
        List<String> others = store.cellIds(sweep.id()).stream().filter(id -> !id.equals(cell.id())).toList();
        String why = rule.check(m.epoch(), new Curve(cell.id(), values(own), false), curves(store, others, metric));
        if (why != null) {
          throw new CellPruned(m.epoch(), why);
        }
      }
    };
  }

  /** The recorded curves of {@code ids}; a trial counts as finished when its run finished. */
  static List<Curve> curves(RunStore store, List<String> ids, String metric) {
    Map<String, List<MetricPoint>> points = store.metricsOf(ids, List.of(metric));
    List<Curve> curves = new ArrayList<>();
    for (Run r : store.summaries(ids)) {
      List<MetricPoint> p = points.getOrDefault(r.id(), List.of());
      int epochs = p.stream().mapToInt(MetricPoint::epoch).max().orElse(0);
      double[] v = new double[epochs];
      java.util.Arrays.fill(v, Double.NaN);
      p.forEach(x -> v[x.epoch() - 1] = x.value());
      curves.add(new Curve(r.id(), v, r.status() == RunStatus.FINISHED));
    }
    return curves;
  }

  private static double[] values(List<Double> list) {
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
