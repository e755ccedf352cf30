package dev.descent.core.stats;

import dev.descent.core.Numbers;
import dev.descent.core.store.Run;
import dev.descent.core.sweep.Objective;
import dev.descent.core.sweep.SweepSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answers a sweep's runs give: how much each grid axis (and pair of axes) explains of the objective's variance
 * ({@link FactorialAnova}), and whether the best configuration beats each of the next few
 * ({@link WinnerTest}). A random or TPE search has no full factorial: its parameters are ranked by PED-ANOVA
 * ({@link PedAnova}) instead. One place for {@code descent sweeps analyze}, {@code descent run}'s summary and the
 * dashboard's sweep page.
 *
 * @param anova null when there is nothing to analyse (no grid axis, or fewer than two finished runs) or when the
 *     runs are not a full factorial of the axes (a search)
 * @param importance the parameters' PED-ANOVA importance when the runs are not a full factorial; null otherwise
 * @param configurations every setting of the axes with its objective values over seeds, best mean first
 * @param left how many runs had no objective value (failed, diverged, unfinished) and were left out
 */
public record SweepAnalysis(Objective objective, AnovaTable anova, Importance importance, List<Configuration> configurations,
    List<Comparison> comparisons, int left) {

  /** How many runners-up the best configuration is tested against. */
  public static final int RIVALS = 3;

  /** A setting of the grid axes over its seeds; {@code values} are finite objective values only. */
  public record Configuration(String label, Map<String, String> levels, double[] values, double mean) {}

  public static SweepAnalysis of(Objective objective, List<String> axes, List<Run> runs) {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    Map<String, Map<String, String>> levelsOf = new LinkedHashMap<>();
    List<Observation> observations = new ArrayList<>();
    List<Trial> trials = new ArrayList<>();
    int left = 0;
    for (Run r : runs) {
      Map<String, String> levels = new LinkedHashMap<>();
      axes.forEach(a -> levels.put(a, Numbers.plain(r.params().get(a))));
      String label = label(levels);
      levelsOf.putIfAbsent(label, levels);
      List<Double> v = values.computeIfAbsent(label, k -> new ArrayList<>());
      double y = SweepSummary.objective(objective, r);
      if (Double.isFinite(y)) {
        v.add(y);
        observations.add(new Observation(levels, y));
        trials.add(new Trial(axisValues(axes, r), y));
      } else {
        left++;
      }
    }
    boolean higher = "max".equals(objective.mode());
    List<Configuration> configurations = new ArrayList<>();
    values.forEach((label, v) -> {
      double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
      configurations.add(new Configuration(label, levelsOf.get(label), a,
          a.length == 0 ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
    });
    Comparator<Configuration> byMean = Comparator.comparingDouble(Configuration::mean);
    List<Configuration> ranked = configurations.stream().filter(c -> c.values().length > 0)
        .sorted(higher ? byMean.reversed() : byMean).toList();
    List<Comparison> comparisons = new ArrayList<>();
    for (int i = 1; i <= RIVALS && i < ranked.size(); i++) {
      Configuration best = ranked.get(0);
      Configuration other = ranked.get(i);
      comparisons.add(WinnerTest.compare(best.label(), best.values(), other.label(), other.values(), higher));
    }
    if (!axes.isEmpty() && !fullFactorial(axes, runs)) {
      return new SweepAnalysis(objective, null, PedAnova.of(axes, trials, higher, PedAnova.GAMMA), ranked,
          comparisons, left);
    }
    AnovaTable anova = axes.isEmpty() || observations.size() < 2 ? null : FactorialAnova.of(axes, observations);
    return new SweepAnalysis(objective, anova, null, ranked, comparisons, left);
  }

  /**
   * Whether the runs cover every combination of the levels their axes took, as a grid's cells do; a search's
   * sampled values (continuous, or a conditional parameter absent from some trials) do not.
   */
  static boolean fullFactorial(List<String> axes, List<Run> runs) {
    Map<String, Set<Object>> levels = new LinkedHashMap<>();
    Set<Map<String, Object>> combinations = new HashSet<>();
    for (Run r : runs) {
      Map<String, Object> values = axisValues(axes, r);
      if (values.size() < axes.size()) {
        return false;
      }
      values.forEach((a, v) -> levels.computeIfAbsent(a, k -> new HashSet<>()).add(Numbers.plain(v)));
      Map<String, Object> plain = new LinkedHashMap<>();
      values.forEach((a, v) -> plain.put(a, Numbers.plain(v)));
      combinations.add(plain);
    }
    long product = 1;
    for (Set<Object> l : levels.values()) {
      product *= l.size();
    }
    return combinations.size() == product;
  }

  private static Map<String, Object> axisValues(List<String> axes, Run r) {
    Map<String, Object> values = new LinkedHashMap<>();
    axes.stream().filter(a -> r.params().get(a) != null).forEach(a -> values.put(a, r.params().get(a)));
    return values;
  }

  /**
   * {@code adam lr=0.001 batch_size=64}: the optimizer bare, the learning rate as {@code lr}, others by name; a
   * param the configuration does not have (a search's {@code momentum} {@code when: {optimizer: sgd}}) is left out.
   */
  static String label(Map<String, String> levels) {
    StringBuilder sb = new StringBuilder();
    levels.forEach((axis, value) -> {
      if (value.isEmpty()) {
        return;
      }
      sb.append(sb.length() > 0 ? " " : "");
      sb.append(axis.equals("optimizer") ? value : (axis.equals("learning_rate") ? "lr" : axis) + "=" + value);
    });
    return sb.length() == 0 ? "(one configuration)" : sb.toString();
  }
}
