package dev.descent.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.sweep.Objective;
import dev.descent.core.train.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SweepAnalysisTest {
  private static final Objective ACCURACY = new Objective("val_accuracy", "max");

  static Run run(String id, RunStatus status, String optimizer, double lr, double accuracy) {
    return new Run(id, "e", "s", status, Map.of(), Map.of("optimizer", optimizer, "learning_rate", lr, "seed", 1L),
        Map.of(), null, null, null, null, null, new TreeSet<>(), null,
        Map.of("val_accuracy", new MetricSummary(accuracy, accuracy - 0.1, accuracy, 3, 5)), Map.of(), 0);
  }

  /** optimizer x learning rate, 3 seeds: lr matters a lot, the optimizer a little, one run diverged. */
  static List<Run> sweep() {
    List<Run> runs = new ArrayList<>();
    double[] noise = {-0.004, 0.001, 0.003};
    int i = 0;
    for (String opt : List.of("adam", "sgd")) {
      for (double lr : List.of(0.001, 0.01, 0.1)) {
        for (double n : noise) {
          double acc = 0.80 + (lr == 0.01 ? 0.05 : lr == 0.1 ? -0.1 : 0) + (opt.equals("adam") ? 0.004 : 0) + n;
          boolean diverged = opt.equals("sgd") && lr == 0.1 && n > 0.002;
          runs.add(run("r" + i++, diverged ? RunStatus.DIVERGED : RunStatus.FINISHED, opt, lr, acc));
        }
      }
    }
    return runs;
  }

  @Test
  void names_the_axis_that_matters_and_tests_the_winner_against_the_next() {
    SweepAnalysis a = SweepAnalysis.of(ACCURACY, List.of("optimizer", "learning_rate"), sweep());
    assertEquals(17, a.anova().observations());
    assertEquals(1, a.left(), "the diverged run");
    assertEquals("adam lr=0.01", a.configurations().get(0).label());
    assertEquals("sgd lr=0.01", a.comparisons().get(0).other());
    List<String> lines = AnalysisReport.lines(a);
    assertTrue(lines.get(0).startsWith("learning_rate explains >99% of the variance"), lines.get(0));
    assertTrue(lines.get(0).contains("(p < 1e-6)"), lines.get(0));
    assertTrue(lines.get(0).contains("no evidence it matters"), "the interaction is pure noise: " + lines.get(0));
    assertTrue(lines.get(1).contains("Type II") && lines.get(1).contains("1 without one left out"), lines.get(1));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("adam lr=0.01 beats sgd lr=0.01 by 0.4")), lines.toString());
  }

  @Test
  void the_residual_is_called_seed_noise_only_when_configurations_have_several_runs() {
    List<String> replicated = AnalysisReport.lines(SweepAnalysis.of(ACCURACY, List.of("optimizer", "learning_rate"),
        sweep()));
    assertTrue(replicated.get(0).contains("; seed noise "), replicated.get(0));
    List<Run> oneSeed = new ArrayList<>();
    int i = 0;
    for (String opt : List.of("adam", "sgd", "rmsprop")) {
      for (double lr : List.of(0.001, 0.01, 0.1)) {
        oneSeed.add(run("s" + i, RunStatus.FINISHED, opt, lr, 0.8 + (lr == 0.01 ? 0.05 : 0) + 0.001 * (i++ % 4)));
      }
    }
    String line = AnalysisReport.lines(SweepAnalysis.of(ACCURACY, List.of("optimizer", "learning_rate"), oneSeed))
        .get(0);
    assertTrue(line.contains("; higher-order interactions (one run per configuration) ") && !line.contains("seed"),
        line);
  }

  @Test
  void json_names_terms_by_axis_and_the_residual() {
    Map<String, Object> m = AnalysisReport.toMap(SweepAnalysis.of(ACCURACY, List.of("optimizer", "learning_rate"),
        sweep()));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> anova = (List<Map<String, Object>>) m.get("anova");
    assertEquals(List.of("optimizer", "learning_rate", "optimizer:learning_rate", "Residual"),
        anova.stream().map(r -> r.get("term")).toList());
    assertNull(anova.get(3).get("F"));
    assertTrue(anova.get(0).keySet().containsAll(List.of("df", "sum_sq", "F", "p", "partial_eta_sq")));
  }

  @Test
  void a_sweep_without_a_grid_has_no_anova_and_no_rival() {
    SweepAnalysis a = SweepAnalysis.of(ACCURACY, List.of(), sweep().subList(0, 3));
    assertNull(a.anova());
    assertTrue(a.comparisons().isEmpty());
    assertTrue(AnalysisReport.lines(a).get(0).startsWith("No ANOVA"));
  }

  @Test
  void a_label_leaves_out_a_param_the_configuration_does_not_have() {
    Map<String, String> sgd = new java.util.LinkedHashMap<>();
    sgd.put("optimizer", "sgd");
    sgd.put("learning_rate", "0.01");
    sgd.put("training.optimizer.momentum", "0.9");
    Map<String, String> adam = new java.util.LinkedHashMap<>(sgd);
    adam.put("optimizer", "adam");
    adam.put("training.optimizer.momentum", "");
    assertEquals("sgd lr=0.01 training.optimizer.momentum=0.9", SweepAnalysis.label(sgd));
    assertEquals("adam lr=0.01", SweepAnalysis.label(adam));
  }
}
