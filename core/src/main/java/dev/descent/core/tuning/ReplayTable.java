package dev.descent.core.tuning;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.sweep.CanonicalJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished grid sweep as a tabular benchmark: each configuration (its cells over the seeds) with its
 * recorded objective curve, so a strategy "trains" a configuration to epoch {@code e} by reading the curve,
 * at a cost of one epoch per seed. A curve shorter than the sweep's epochs belongs to a cell early stopping
 * ended: reading past its end costs nothing and ends the trial there, as training would have.
 *
 * @param metric the epoch metric ranked by ({@code val_accuracy})
 * @param configs in the sweep's cell order
 */
public record ReplayTable(String sweepId, String metric, boolean max, List<String> axes, List<Config> configs) {

  /**
   * One configuration.
   *
   * @param curve the objective after each epoch, the mean over the seeds that reached it
   * @param seeds cells (one per seed) trained for each epoch read
   */
  public record Config(String key, Map<String, Object> params, double[] curve, int seeds) {
    /** The best value on the curve ({@code max} when higher is better); NaN for an empty curve. */
    double best(boolean max) {
      double b = Double.NaN;
      for (double v : curve) {
        if (!Double.isNaN(v) && (Double.isNaN(b) || (max ? v > b : v < b))) {
          b = v;
        }
      }
      return b;
    }
  }

  public ReplayTable {
    axes = List.copyOf(axes);
    configs = List.copyOf(configs);
  }

  /** Epochs the full grid trained: every recorded epoch of every cell. */
  public long fullEpochs() {
    return configs.stream().mapToLong(c -> (long) c.curve().length * c.seeds()).sum();
  }

  /** The grid's best objective over its configurations. */
  public double best() {
    double b = Double.NaN;
    for (Config c : configs) {
      double v = c.best(max);
      if (!Double.isNaN(v) && (Double.isNaN(b) || (max ? v > b : v < b))) {
        b = v;
      }
    }
    return b;
  }

  /** The table of sweep {@code sweepId}; refuses one whose cells have not all ended. */
  public static ReplayTable of(RunStore store, String sweepId) {
    return of(store, sweepId, false);
  }

  /**
   * The table of sweep {@code sweepId}; with {@code partial}, of the cells that have an outcome so far (a
   * sweep still running: the figures then describe that part of the grid only), else refusing a sweep
   * whose cells have not all ended.
   */
  public static ReplayTable of(RunStore store, String sweepId, boolean partial) {
    SweepInfo info = store.sweepInfo(sweepId).orElseThrow(() -> new DescentException(ErrorCode.NOT_FOUND,
        "Run store " + store.location() + " has no sweep '" + sweepId + "'; `descent sweeps list` lists the sweeps it has."));
    String metric = Pruning.epochMetric(info.objectiveMetric());
    List<String> ids = store.cellIds(sweepId);
    List<Run> runs = store.summaries(ids);
    long open = runs.stream().filter(r -> !r.status().outcome() && r.status() != dev.descent.core.train.RunStatus.FAILED)
        .count();
    if (partial) {
      runs = runs.stream().filter(r -> r.status().outcome() || r.status() == dev.descent.core.train.RunStatus.FAILED)
          .toList();
      ids = runs.stream().map(Run::id).toList();
    } else if (open > 0) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Sweep " + sweepId + " has " + open + " of " + runs.size()
          + " cells without an outcome (queued, running, crashed or stopped); replay needs a finished sweep: run it to"
          + " the end first (`descent run FILE` resumes it), or replay the ended cells alone with --partial.");
    }
    Map<String, List<MetricPoint>> points = store.metricsOf(ids, List.of(metric));
    Map<String, List<double[]>> curves = new LinkedHashMap<>();
    Map<String, Map<String, Object>> params = new LinkedHashMap<>();
    for (Run r : runs) {
      Map<String, Object> p = new LinkedHashMap<>();
      for (String axis : info.axes()) {
        p.put(axis, r.params().getOrDefault(axis, r.id()));
      }
      String key = CanonicalJson.of(p);
      params.putIfAbsent(key, p);
      List<MetricPoint> mine = points.getOrDefault(r.id(), List.of());
      double[] curve = new double[mine.stream().mapToInt(MetricPoint::epoch).max().orElse(0)];
      java.util.Arrays.fill(curve, Double.NaN);
      mine.forEach(m -> curve[m.epoch() - 1] = m.value());
      curves.computeIfAbsent(key, k -> new ArrayList<>()).add(curve);
    }
    List<Config> configs = new ArrayList<>();
    curves.forEach((key, list) -> configs.add(new Config(key, params.get(key), mean(list), list.size())));
    return new ReplayTable(sweepId, metric, "max".equals(info.objectiveMode()), info.axes(), configs);
  }

  /** Per epoch, the mean over the curves that reached it; as long as the longest. */
  private static double[] mean(List<double[]> curves) {
    int n = curves.stream().mapToInt(c -> c.length).max().orElse(0);
    double[] out = new double[n];
    for (int e = 0; e < n; e++) {
      double sum = 0;
      int k = 0;
      for (double[] c : curves) {
        if (e < c.length && !Double.isNaN(c[e])) {
          sum += c[e];
          k++;
        }
      }
      out[e] = k == 0 ? Double.NaN : sum / k;
    }
    return out;
  }

  /** The table as JSON-ready maps: what {@code --export} writes for other tools (bench/optuna_replay.py). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sweep", sweepId);
    m.put("metric", metric);
    m.put("mode", max ? "max" : "min");
    m.put("axes", axes);
    m.put("full_epochs", fullEpochs());
    m.put("best", best());
    List<Map<String, Object>> cells = new ArrayList<>();
    for (Config c : configs) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("params", c.params());
      x.put("seeds", c.seeds());
      List<Double> curve = new ArrayList<>();
      for (double v : c.curve()) {
        curve.add(Double.isNaN(v) ? null : v);
      }
      x.put("curve", curve);
      cells.add(x);
    }
    m.put("cells", cells);
    return m;
  }
}
