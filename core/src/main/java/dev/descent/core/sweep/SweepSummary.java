package dev.descent.core.sweep;

import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.tracking.MeanStd;
import dev.descent.core.train.RunStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a sweep came to, read back from the store: cells by status, the best cells by the objective,
 * the objective per optimizer × learning rate (the lecture's lesson made visible: rates too small,
 * right and too large, diverged cells marked), and mean ± std over seeds per configuration.
 */
public record SweepSummary(Sweep sweep, Map<RunStatus, Integer> counts, List<Row> rows) {

  /** One cell: its run, objective value (NaN when none) and configuration key without the seed. */
  public record Row(Cell cell, Run run, double objective, String config) {}

  /** A configuration over its seeds. */
  public record Group(String config, Cell example, int n, double mean, double std, int diverged, int failed) {}

  public static SweepSummary of(Sweep sweep, RunStore store) {
    Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
    List<Row> rows = new ArrayList<>();
    for (Cell c : sweep.cells()) {
      Optional<Run> run = store.get(c.id());
      RunStatus st = run.map(Run::status).orElse(RunStatus.QUEUED);
      counts.merge(st, 1, Integer::sum);
      rows.add(new Row(c, run.orElse(null), run.map(r -> objective(sweep.objective(), r)).orElse(Double.NaN), config(c)));
    }
    return new SweepSummary(sweep, counts, rows);
  }

  /**
   * The objective of a finished run: the best epoch value of the metric, or the test metric; NaN for any other
   * run, so a diverged run's last good epoch never ranks it. The dashboard's sweep page ranks cells by this too.
   */
  public static double objective(Objective o, Run r) {
    if (r.status() != RunStatus.FINISHED) {
      return Double.NaN;
    }
    if (o.metric().startsWith("test_")) {
      Double v = r.test().get(o.metric());
      return v == null ? Double.NaN : v;
    }
    MetricSummary s = r.summaries().get(o.metric());
    return s == null ? Double.NaN : "max".equals(o.mode()) ? s.max() : s.min();
  }

  private static String config(Cell c) {
    Map<String, Object> m = new LinkedHashMap<>(c.axisValues());
    m.remove("seed");
    return m.toString();
  }

  /** The finished cells, best first. */
  public List<Row> best(int n) {
    Comparator<Row> byObjective = Comparator.comparingDouble(Row::objective);
    if ("max".equals(sweep.objective().mode())) {
      byObjective = byObjective.reversed();
    }
    return rows.stream().filter(r -> !Double.isNaN(r.objective())).sorted(byObjective).limit(n).toList();
  }

  /** Configurations over seeds, in cell order. */
  public List<Group> groups() {
    Map<String, List<Row>> byConfig = new LinkedHashMap<>();
    rows.forEach(r -> byConfig.computeIfAbsent(r.config(), k -> new ArrayList<>()).add(r));
    List<Group> out = new ArrayList<>();
    byConfig.forEach((k, list) -> {
      MeanStd objective = MeanStd.of(list.stream().mapToDouble(Row::objective).toArray());
      int div = (int) list.stream().filter(r -> r.run() != null && r.run().status() == RunStatus.DIVERGED).count();
      int failed = (int) list.stream().filter(r -> r.run() != null && r.run().status() == RunStatus.FAILED).count();
      out.add(new Group(k, list.get(0).cell(), list.size(), objective.mean(), objective.std(), div, failed));
    });
    return out;
  }

  /**
   * Optimizer → learning rate → the best configuration's mean objective over seeds; a cell whose runs
   * all diverged is {@code NaN} with {@link #divergedCells} telling which.
   */
  public Map<String, Map<Double, Group>> optimizerByLearningRate() {
    Map<String, Map<Double, Group>> table = new TreeMap<>();
    for (Group g : groups()) {
      var params = g.example().experiment().training().optimizer();
      String opt = params.name();
      double lr = ((Number) params.params().get("learning_rate")).doubleValue();
      Map<Double, Group> row = table.computeIfAbsent(opt, k -> new TreeMap<>());
      Group current = row.get(lr);
      if (current == null || better(g, current)) {
        row.put(lr, g);
      }
    }
    return table;
  }

  private boolean better(Group a, Group b) {
    if (Double.isNaN(b.mean())) {
      return !Double.isNaN(a.mean()) || a.diverged() < b.diverged();
    }
    return sweep.objective().better(a.mean(), b.mean());
  }

  /** The learning rates of the table's columns. */
  public TreeSet<Double> learningRates() {
    TreeSet<Double> lrs = new TreeSet<>();
    optimizerByLearningRate().values().forEach(m -> lrs.addAll(m.keySet()));
    return lrs;
  }
}
