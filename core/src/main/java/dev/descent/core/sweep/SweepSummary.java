package dev.descent.core.sweep;

import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
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
 *
 * @param table the rows as settings over seeds, built once in {@link #of}
 */
public record SweepSummary(Sweep sweep, Map<RunStatus, Integer> counts, List<Row> rows, SweepTable table) {

  /** One cell: its run, objective value (NaN when none) and configuration key without the seed. */
  public record Row(Cell cell, Run run, double objective, String config) {}

  /** A configuration over its seeds. */
  public record Group(String config, Cell example, int n, double mean, double std, int diverged, int failed) {}

  public static SweepSummary of(Sweep given, RunStore store) {
    Sweep sweep = given.plan().known(given);
    Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
    List<Row> rows = new ArrayList<>();
    Map<String, Run> runs = new java.util.HashMap<>();
    store.summaries(sweep.cells().stream().map(Cell::id).toList()).forEach(r -> runs.put(r.id(), r));
    for (Cell c : sweep.cells()) {
      Optional<Run> run = Optional.ofNullable(runs.get(c.id()));
      RunStatus st = run.map(Run::status).orElse(RunStatus.QUEUED);
      counts.merge(st, 1, Integer::sum);
      rows.add(new Row(c, run.orElse(null), run.map(r -> objective(sweep.objective(), r)).orElse(Double.NaN), config(c)));
    }
    return new SweepSummary(sweep, counts, rows, table(sweep, rows));
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
    return SweepReport.plain(m);
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
    return table.settings().stream().map(this::group).toList();
  }

  /**
   * Optimizer → learning rate → the best configuration's mean objective over seeds ({@link SweepTable#best});
   * a cell whose runs all diverged has a NaN mean and its diverged count.
   */
  public Map<String, Map<Double, Group>> optimizerByLearningRate() {
    Map<String, Map<Double, Group>> out = new TreeMap<>();
    table.best().forEach((opt, row) -> {
      Map<Double, Group> groups = new TreeMap<>();
      row.forEach((lr, setting) -> groups.put(lr, group(setting)));
      out.put(opt, groups);
    });
    return out;
  }

  /** The learning rates of the table's columns. */
  public TreeSet<Double> learningRates() {
    return table.learningRates();
  }

  /** The rows as {@link SweepTable} entries: a cell's setting is its axis values without the seed. */
  private static SweepTable table(Sweep sweep, List<Row> rows) {
    List<SweepTable.Entry> entries = new ArrayList<>();
    boolean search = binsLearningRates(sweep);
    for (Row r : rows) {
      var optimizer = r.cell().experiment().training().optimizer();
      double lr = ((Number) optimizer.params().get("learning_rate")).doubleValue();
      entries.add(new SweepTable.Entry(r.cell().id(), optimizer.name(),
          search ? SweepTable.decade(lr) : lr, r.config(),
          r.run() == null ? RunStatus.QUEUED : r.run().status(), r.objective()));
    }
    return SweepTable.of(entries, sweep.objective());
  }

  /**
   * Whether the optimizer x learning rate table bins learning rates by decade (column 0.001 holds
   * [0.001, 0.01)): in a search, where every trial draws its own rate, so columns of single cells say nothing.
   */
  public static boolean binsLearningRates(Sweep sweep) {
    return sweep.plan().describe(sweep) != null;
  }

  private Group group(SweepTable.Setting s) {
    Cell example = rows.stream().filter(r -> r.cell().id().equals(s.runIds().get(0))).findFirst().orElseThrow().cell();
    return new Group(s.key(), example, s.runIds().size(), s.objective().mean(), s.objective().std(), s.diverged(),
        s.failed());
  }
}
