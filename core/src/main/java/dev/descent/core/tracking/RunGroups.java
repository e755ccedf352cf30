package dev.descent.core.tracking;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs grouped by the values of some params, each group's curves reduced to mean ± std per epoch: the view
 * that tells a learning rate that wins from one seed that got lucky (W&B's "group by", TensorBoard has none).
 * A run without one of the params groups under {@code null} for it.
 */
public final class RunGroups {

  /** One epoch of a group's metric. */
  public record Point(int epoch, MeanStd stats) {}

  /**
   * @param params the grouping params' values shared by the group's runs
   * @param runIds its runs, in the order given
   * @param history metric key → its points by epoch; a point's {@code n} counts the runs with a finite value there
   */
  public record Group(Map<String, Object> params, List<String> runIds, Map<String, List<Point>> history) {}

  private RunGroups() {}

  /**
   * Groups {@code runs} by {@code by} (param names), in the order each group's first run appears.
   *
   * @param metrics each run's points, by run id (as {@code RunStore.metricsOf} returns them)
   */
  public static List<Group> of(List<Run> runs, Map<String, List<MetricPoint>> metrics, List<String> by) {
    Map<Map<String, Object>, List<Run>> members = new LinkedHashMap<>();
    for (Run run : runs) {
      Map<String, Object> key = new LinkedHashMap<>();
      by.forEach(p -> key.put(p, run.params().get(p)));
      members.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
    }
    List<Group> out = new ArrayList<>();
    members.forEach((key, group) -> out.add(new Group(key, group.stream().map(Run::id).toList(),
        history(group, metrics))));
    return out;
  }

  private static Map<String, List<Point>> history(List<Run> group, Map<String, List<MetricPoint>> metrics) {
    Map<String, TreeMap<Integer, double[]>> values = new TreeMap<>();
    for (int i = 0; i < group.size(); i++) {
      for (MetricPoint p : metrics.getOrDefault(group.get(i).id(), List.of())) {
        double[] perRun = values.computeIfAbsent(p.key(), k -> new TreeMap<>())
            .computeIfAbsent(p.epoch(), e -> filled(group.size()));
        perRun[i] = p.value();
      }
    }
    Map<String, List<Point>> out = new LinkedHashMap<>();
    values.forEach((key, byEpoch) -> {
      List<Point> points = new ArrayList<>();
      byEpoch.forEach((epoch, v) -> points.add(new Point(epoch, MeanStd.of(v))));
      out.put(key, points);
    });
    return out;
  }

  private static double[] filled(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, Double.NaN);
    return a;
  }
}
