package dev.descent.core.optbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.sweep.Objective;
import dev.descent.core.sweep.SweepSummary;
import dev.descent.core.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol end to end on a tiny budget, with the real sweep runner and a SQLite store. */
class OptimizerBenchTest {
  static final PluginRegistry PLUGINS = PluginRegistry.discover(OptimizerBenchTest.class.getClassLoader());
  static final BenchSpec SPEC = new BenchSpec("adagrad", List.of("sgd", "adam"), 3, 2, 1e-3, 0.1, List.of());

  @TempDir
  Path dir;

  private List<BenchProblem> tinySuite() {
    NoisyQuadratic.write(dir.resolve("data"));
    BenchProblem q = BenchProblems.quadratic(dir.resolve("data"));
    BenchProblem m = BenchProblems.moons();
    Map<String, Object> moons = new LinkedHashMap<>(m.dataset());
    moons.put("samples", 200);
    moons.put("test_samples", 100);
    return List.of(
        new BenchProblem(q.name(), q.title(), q.dataset(), q.model(), 64, 2, q.tuneMetric(), q.testMetric(), 2.0,
            q.sizing(), false, 1),
        new BenchProblem(m.name(), m.title(), moons, Map.of("layers", List.of(
            Map.of("type", "dense", "units", 8, "activation", "relu"),
            Map.of("type", "dense", "units", 2, "activation", "softmax")), "loss", "softmax_cross_entropy"),
            32, 3, m.tuneMetric(), m.testMetric(), 0.8, m.sizing(), false, 1));
  }

  /** Records every trial the progress hears of. */
  static final class Trials implements BenchProgress {
    final List<Trial> trials = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onTrial(Trial t) {
      trials.add(t);
    }
  }

  private static List<Run> runs(RunStore store, String sweepId) {
    return store.summaries(store.cellIds(sweepId));
  }

  @Test
  void every_optimizer_gets_the_same_rates_and_its_best_is_rerun_with_fresh_seeds() {
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      Trials progress = new Trials();
      BenchResult r = new OptimizerBench(new Trainer(PLUGINS), store, null, PLUGINS, Clock.systemUTC(), 2)
          .run(SPEC, tinySuite(), dir, progress, List.of());
      assertEquals(2, r.problems().size());
      for (ProblemOutcome p : r.problems()) {
        assertEquals(List.of("adagrad", "sgd", "adam"), p.optimizers().stream().map(OptimizerOutcome::optimizer)
            .toList());
        List<Run> tuning = runs(store, p.tuningSweepId());
        Map<String, List<Run>> byOptimizer = tuning.stream().collect(Collectors.groupingBy(
            t -> (String) t.params().get("optimizer")));
        for (String o : SPEC.optimizers()) {
          assertEquals(new TreeSet<>(SPEC.learningRates()), byOptimizer.get(o).stream().map(t ->
              ((Number) t.params().get("learning_rate")).doubleValue()).collect(Collectors.toCollection(TreeSet::new)),
              o + " is tried at every rate of the grid, once");
          assertEquals(SPEC.budget(), byOptimizer.get(o).size());
          assertTrue(byOptimizer.get(o).stream().allMatch(t -> ((Number) t.params().get("seed")).longValue()
              == BenchSpec.TUNING_SEED));
        }
        Objective objective = new Objective(p.problem().tuneMetric(), p.problem().higherIsBetter() ? "max" : "min");
        Map<String, List<Run>> reruns = runs(store, p.seedsSweepId()).stream().collect(Collectors.groupingBy(
            t -> (String) t.params().get("optimizer")));
        for (OptimizerOutcome o : p.optimizers()) {
          Map<Double, Double> curve = new HashMap<>();
          byOptimizer.get(o.optimizer()).forEach(t -> curve.put(((Number) t.params().get("learning_rate"))
              .doubleValue(), SweepSummary.objective(objective, t)));
          assertEquals(OptimizerBench.best(curve, p.problem().higherIsBetter()), o.lr(),
              "the chosen rate is the best tuning run's of " + o.optimizer());
          assertNotNull(o.lr(), "small problems at moderate rates do not diverge everywhere");
          List<Run> mine = reruns.get(o.optimizer());
          assertEquals(Set.of(1L, 2L), mine.stream().map(t -> ((Number) t.params().get("seed")).longValue())
              .collect(Collectors.toSet()), "rerun with seeds 1..n, never the tuning seed");
          assertTrue(mine.stream().allMatch(t -> ((Number) t.params().get("learning_rate")).doubleValue() == o.lr()));
          assertEquals(SPEC.seeds(), o.test().length);
          assertEquals(new TreeSet<>(mine.stream().map(t -> t.test().get(p.problem().testMetric())).toList()),
              new TreeSet<>(java.util.Arrays.stream(o.test()).boxed().toList()));
        }
        assertEquals(SPEC.optimizers().size() - 1, p.verdicts().size(), "one comparison line per other optimizer");
      }
      int total = 2 * SPEC.optimizers().size() * (SPEC.budget() + SPEC.seeds());
      assertEquals(total, progress.trials.size());
      assertTrue(progress.trials.stream().allMatch(t -> t.total() == total));
      assertEquals(total, progress.trials.stream().mapToInt(BenchProgress.Trial::done).max().orElse(0));

      Trials again = new Trials();
      BenchResult r2 = new OptimizerBench(new Trainer(PLUGINS), store, null, PLUGINS, Clock.systemUTC(), 2)
          .run(SPEC, tinySuite(), dir, again, List.of());
      assertTrue(again.trials.stream().allMatch(t -> t.outcome().startsWith("already in the store")),
          "the same bench into the same store trains nothing again");
      assertEquals(r.problems().get(1).optimizers().get(0).lr(), r2.problems().get(1).optimizers().get(0).lr());
    }
  }

  @Test
  void the_report_has_a_row_per_problem_and_optimizer_and_a_self_contained_page() throws Exception {
    BenchResult r;
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      r = new OptimizerBench(new Trainer(PLUGINS), store, null, PLUGINS, Clock.systemUTC(), 2)
          .run(new BenchSpec("adam", List.of("sgd"), 2, 2, 1e-3, 0.1, List.of()), tinySuite().subList(1, 2), dir,
              BenchProgress.NONE, List.of("machine line"));
    }
    List<Path> files = ReportWriter.write(r, "descent bench-optimizer adam --against sgd", dir.resolve("out"));
    String md = Files.readString(files.get(0));
    String html = Files.readString(files.get(1));
    assertEquals(dir.resolve("out").resolve("report.md"), files.get(0));
    assertTrue(md.contains("| moons-mlp | test_accuracy |"), md);
    OptimizerOutcome adam = r.problems().get(0).optimizers().get(0);
    assertTrue(md.contains("| adam | " + dev.descent.core.Numbers.plain(adam.lr()) + " | "
        + ReportContent.interval(adam.testInterval()) + " | 2/2 |"), md);
    assertTrue(md.contains("| sgd | "), md);
    assertTrue(md.contains("| rho(tau), test cost | tau=1 |"), md);
    assertTrue(md.contains("machine line"), md);
    assertTrue(html.contains("<svg"), "charts are inline SVG");
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "nothing fetched from elsewhere");
  }
}
