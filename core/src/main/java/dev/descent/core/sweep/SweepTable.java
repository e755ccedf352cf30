package dev.descent.core.sweep;

import dev.descent.core.tracking.MeanStd;
import dev.descent.core.train.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A sweep's outcome in the shape users read it: its settings (every axis but the seed) each over its seeds,
 * and optimizer × learning rate → the best setting of the other axes. One rule for {@code descent run}'s summary
 * (built from the sweep file's cells) and the dashboard's heatmap (built from the stored runs' params).
 */
public final class SweepTable {

  /**
   * One cell of the sweep.
   *
   * @param setting what identifies its setting apart from the seed (cells with equal keys are seeds of one setting)
   * @param objective its objective value, NaN unless it finished ({@link SweepSummary#objective})
   */
  public record Entry(String runId, String optimizer, double learningRate, String setting, RunStatus status,
      double objective) {}

  /** A setting over its seeds: the objective's mean ± std over the seeds that have a value. */
  public record Setting(String key, String optimizer, double learningRate, List<String> runIds, MeanStd objective,
      int diverged, int failed) {}

  private final Objective objective;
  private final List<Setting> settings;

  private SweepTable(Objective objective, List<Setting> settings) {
    this.objective = objective;
    this.settings = List.copyOf(settings);
  }

  /**
   * The decade a learning rate falls in (0.0037 in 0.001), the column a search's table puts it in: every trial
   * draws its own rate, so columns of single cells would say nothing.
   */
  public static double decade(double learningRate) {
    return learningRate > 0 ? Math.pow(10, Math.floor(Math.log10(learningRate) + 1e-9)) : learningRate;
  }

  public static SweepTable of(List<Entry> entries, Objective objective) {
    Map<String, List<Entry>> bySetting = new LinkedHashMap<>();
    entries.forEach(e -> bySetting.computeIfAbsent(e.setting(), k -> new ArrayList<>()).add(e));
    List<Setting> settings = new ArrayList<>();
    bySetting.forEach((key, seeds) -> {
      Entry first = seeds.get(0);
      settings.add(new Setting(key, first.optimizer(), first.learningRate(), seeds.stream().map(Entry::runId).toList(),
          MeanStd.of(seeds.stream().mapToDouble(Entry::objective).toArray()), count(seeds, RunStatus.DIVERGED),
          count(seeds, RunStatus.FAILED)));
    });
    return new SweepTable(objective, settings);
  }

  private static int count(List<Entry> entries, RunStatus status) {
    return (int) entries.stream().filter(e -> e.status() == status).count();
  }

  /** Every setting, in the order its first cell came. */
  public List<Setting> settings() {
    return settings;
  }

  /**
   * Optimizer → learning rate → the best setting of the other axes by its mean over seeds. A cell where no
   * setting has a value keeps the one with the most diverged runs, so the table can say "diverged".
   */
  public Map<String, Map<Double, Setting>> best() {
    Map<String, Map<Double, Setting>> table = new TreeMap<>();
    for (Setting s : settings) {
      Map<Double, Setting> row = table.computeIfAbsent(s.optimizer(), k -> new TreeMap<>());
      Setting current = row.get(s.learningRate());
      if (current == null || better(s, current)) {
        row.put(s.learningRate(), s);
      }
    }
    return table;
  }

  /** How many settings share an optimizer × learning rate cell. */
  public int settingsIn(String optimizer, double learningRate) {
    return (int) settings.stream()
        .filter(s -> s.optimizer().equals(optimizer) && s.learningRate() == learningRate).count();
  }

  /** The learning rates of the table's columns. */
  public TreeSet<Double> learningRates() {
    TreeSet<Double> lrs = new TreeSet<>();
    settings.forEach(s -> lrs.add(s.learningRate()));
    return lrs;
  }

  private boolean better(Setting a, Setting b) {
    if (Double.isNaN(b.objective().mean())) {
      return !Double.isNaN(a.objective().mean()) || a.diverged() > b.diverged();
    }
    return objective.better(a.objective().mean(), b.objective().mean());
  }
}
