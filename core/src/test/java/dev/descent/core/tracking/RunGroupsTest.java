package dev.descent.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.Run;
import dev.descent.core.train.RunStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RunGroupsTest {

  static Run run(String id, Map<String, Object> params) {
    return new Run(id, "e", null, RunStatus.FINISHED, Map.of(), params, Map.of(), null, null, null, null, null,
        new TreeSet<>(), null, Map.of(), Map.of(), 0);
  }

  @Test
  void mean_and_sample_deviation_of_the_finite_values() {
    MeanStd s = MeanStd.of(0.80, 0.82, 0.84);
    assertEquals(3, s.n());
    assertEquals(0.82, s.mean(), 1e-12);
    assertEquals(0.02, s.std(), 1e-12);
    assertEquals(new MeanStd(2, 2.0, Math.sqrt(2)), MeanStd.of(1, 3, Double.NaN, Double.POSITIVE_INFINITY));
    assertEquals(new MeanStd(1, 5.0, 0.0), MeanStd.of(5));
    MeanStd none = MeanStd.of(Double.NaN);
    assertEquals(0, none.n());
    assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.std()));
  }

  @Test
  void runs_group_by_a_param_with_mean_and_std_per_epoch_over_the_other_params() {
    List<Run> runs = List.of(
        run("a1", Map.of("optimizer", "adam", "seed", 1L)),
        run("s1", Map.of("optimizer", "sgd", "seed", 1L)),
        run("a2", Map.of("optimizer", "adam", "seed", 2L)),
        run("a3", Map.of("optimizer", "adam", "seed", 3L)),
        run("x", Map.of("seed", 9L)));
    Map<String, List<MetricPoint>> metrics = new HashMap<>();
    metrics.put("a1", List.of(new MetricPoint("val_accuracy", 1, 0.80), new MetricPoint("val_accuracy", 2, 0.90)));
    metrics.put("a2", List.of(new MetricPoint("val_accuracy", 1, 0.82), new MetricPoint("val_accuracy", 2, Double.NaN)));
    metrics.put("a3", List.of(new MetricPoint("val_accuracy", 1, 0.84)));
    metrics.put("s1", List.of(new MetricPoint("val_accuracy", 1, 0.5), new MetricPoint("val_loss", 1, 1.5)));

    List<RunGroups.Group> groups = RunGroups.of(runs, metrics, List.of("optimizer"));

    assertEquals(List.of(Map.of("optimizer", "adam"), Map.of("optimizer", "sgd")),
        groups.subList(0, 2).stream().map(RunGroups.Group::params).toList());
    Map<String, Object> missing = new LinkedHashMap<>();
    missing.put("optimizer", null);
    assertEquals(missing, groups.get(2).params());
    RunGroups.Group adam = groups.get(0);
    assertEquals(List.of("a1", "a2", "a3"), adam.runIds());
    List<RunGroups.Point> acc = adam.history().get("val_accuracy");
    assertEquals(2, acc.size());
    assertEquals(1, acc.get(0).epoch());
    assertEquals(0.82, acc.get(0).stats().mean(), 1e-12);
    assertEquals(0.02, acc.get(0).stats().std(), 1e-12);
    assertEquals(new MeanStd(1, 0.90, 0.0), acc.get(1).stats(), "a2 diverged at epoch 2 and a3 stopped at 1");
    assertEquals(List.of("val_accuracy", "val_loss"), List.copyOf(groups.get(1).history().keySet()));
    assertTrue(groups.get(2).history().isEmpty());
  }
}
