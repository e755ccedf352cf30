package dev.descent.core.optbench;

import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.stats.Comparison;
import dev.descent.core.stats.Verdict;
import dev.descent.core.stats.WinnerTest;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepParser;
import dev.descent.core.sweep.SweepRunner;
import dev.descent.core.sweep.SweepSummary;
import dev.descent.core.tracking.Artifacts;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs the protocol: for each problem, the tuning sweep (every optimizer at every rate of the grid, one seed),
 * then each optimizer's best rate by the validation objective rerun with seeds 1..n as a second sweep, then the
 * outcome read back from the store. Both sweeps go through {@link SweepRunner}, so a bench killed half-way and
 * started again with the same settings and store picks up where it stopped.
 */
public final class OptimizerBench {
  private final Trainer trainer;
  private final RunStore store;
  private final Artifacts artifacts;
  private final PluginRegistry plugins;
  private final Clock clock;
  private final int workers;

  /** @param artifacts where kept weights go; null to keep none (the bench keeps none by default) */
  public OptimizerBench(Trainer trainer, RunStore store, Artifacts artifacts, PluginRegistry plugins, Clock clock,
      int workers) {
    this.trainer = trainer;
    this.store = store;
    this.artifacts = artifacts;
    this.plugins = plugins;
    this.clock = clock;
    this.workers = workers;
  }

  /** Runs every problem of {@code problems} under {@code spec}; {@code baseDir} resolves relative dataset paths. */
  public BenchResult run(BenchSpec spec, List<BenchProblem> problems, Path baseDir, BenchProgress progress,
      List<String> machine) {
    Instant started = clock.instant();
    int perProblem = spec.optimizers().size() * (spec.budget() + spec.seeds());
    TrialCounter counter = new TrialCounter(clock, progress, perProblem * problems.size(),
        perProblem * problems.stream().mapToDouble(BenchProblem::secondsPerRun).sum());
    BenchSweeps sweeps = new BenchSweeps(new SweepParser(plugins), baseDir);
    List<ProblemOutcome> outcomes = new ArrayList<>();
    for (BenchProblem p : problems) {
      outcomes.add(runProblem(spec, p, sweeps, counter, progress));
    }
    double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
    return new BenchResult(spec, outcomes, started, seconds, store.location(), machine);
  }

  private ProblemOutcome runProblem(BenchSpec spec, BenchProblem p, BenchSweeps sweeps, TrialCounter counter,
      BenchProgress progress) {
    Instant t0 = clock.instant();
    Sweep tuning = sweeps.tuning(spec, p);
    progress.onPhase(p, "tune", tuning.cells().size());
    newRunner().run(tuning, null, workers, counter.listener(p, "tune"));
    Map<String, Map<Double, Double>> curves = curves(SweepSummary.of(tuning, store), spec);
    Map<String, Double> chosen = new LinkedHashMap<>();
    curves.forEach((name, curve) -> {
      Double best = best(curve, p.higherIsBetter());
      if (best != null) {
        chosen.put(name, best);
      }
    });
    counter.skip(p, (spec.optimizers().size() - chosen.size()) * spec.seeds());
    String seedsId = null;
    Map<String, List<Run>> reruns = new LinkedHashMap<>();
    if (!chosen.isEmpty()) {
      Sweep seeds = sweeps.seeds(spec, p, chosen);
      seedsId = seeds.id();
      progress.onPhase(p, "seeds", seeds.cells().size());
      newRunner().run(seeds, null, workers, counter.listener(p, "seeds"));
      for (SweepSummary.Row row : SweepSummary.of(seeds, store).rows()) {
        reruns.computeIfAbsent(row.cell().experiment().training().optimizer().name(), k -> new ArrayList<>())
            .add(row.run());
      }
    }
    List<OptimizerOutcome> rows = new ArrayList<>();
    for (String name : spec.optimizers()) {
      rows.add(outcome(p, name, chosen.get(name), curves.get(name), reruns.getOrDefault(name, List.of()),
          spec.seeds()));
    }
    double seconds = Duration.between(t0, clock.instant()).toMillis() / 1000.0;
    return new ProblemOutcome(p, tuning.id(), seedsId, rows, verdicts(p, rows), seconds);
  }

  private SweepRunner newRunner() {
    return new SweepRunner(trainer, store, artifacts, plugins, clock);
  }

  /** Optimizer -> rate -> the tuning run's objective, every optimizer of the spec present. */
  private static Map<String, Map<Double, Double>> curves(SweepSummary summary, BenchSpec spec) {
    Map<String, Map<Double, Double>> curves = new LinkedHashMap<>();
    spec.optimizers().forEach(o -> curves.put(o, new TreeMap<>()));
    for (SweepSummary.Row row : summary.rows()) {
      var optimizer = row.cell().experiment().training().optimizer();
      double lr = ((Number) optimizer.params().get("learning_rate")).doubleValue();
      curves.get(optimizer.name()).put(lr, row.objective());
    }
    return curves;
  }

  /** The rate with the best finite objective; on a tie the smaller rate; null when none is finite. */
  static Double best(Map<Double, Double> curve, boolean higherIsBetter) {
    Double bestLr = null;
    double bestValue = Double.NaN;
    for (Map.Entry<Double, Double> e : new TreeMap<>(curve).entrySet()) {
      double v = e.getValue();
      if (Double.isFinite(v) && (bestLr == null || (higherIsBetter ? v > bestValue : v < bestValue))) {
        bestLr = e.getKey();
        bestValue = v;
      }
    }
    return bestLr;
  }

  private OptimizerOutcome outcome(BenchProblem p, String name, Double lr, Map<Double, Double> curve, List<Run> runs,
      int seeds) {
    double[] test = new double[lr == null ? 0 : seeds];
    int[] epochs = new int[test.length];
    Arrays.fill(test, Double.NaN);
    List<String> ids = runs.stream().filter(Objects::nonNull).map(Run::id).toList();
    Map<String, List<MetricPoint>> points = ids.isEmpty() ? Map.of() : store.metricsOf(ids, List.of(p.tuneMetric()));
    for (int i = 0; i < Math.min(runs.size(), test.length); i++) {
      Run r = runs.get(i);
      if (r == null || r.status() != RunStatus.FINISHED) {
        continue;
      }
      Double v = r.test().get(p.testMetric());
      test[i] = v == null ? Double.NaN : v;
      epochs[i] = firstEpochReaching(p, points.getOrDefault(r.id(), List.of()));
    }
    return new OptimizerOutcome(name, lr, curve, test, epochs);
  }

  /** The first epoch whose value reaches the problem's target; 0 when none does. */
  static int firstEpochReaching(BenchProblem p, List<MetricPoint> points) {
    return points.stream().filter(m -> m.key().equals(p.tuneMetric()) && Double.isFinite(m.value())
        && p.reaches(m.value())).mapToInt(MetricPoint::epoch).min().orElse(0);
  }

  /** The candidate (first) against each other optimizer on the test metric, the better one named first. */
  static List<String> verdicts(BenchProblem p, List<OptimizerOutcome> rows) {
    List<String> lines = new ArrayList<>();
    OptimizerOutcome candidate = rows.get(0);
    for (OptimizerOutcome other : rows.subList(1, rows.size())) {
      if (candidate.testInterval().n() == 0 || other.testInterval().n() == 0) {
        OptimizerOutcome none = candidate.testInterval().n() == 0 ? candidate : other;
        lines.add(none.optimizer() + " has no finished rerun on " + p.name() + ": no comparison with "
            + (none == candidate ? other : candidate).optimizer());
        continue;
      }
      boolean candidateWins = p.higherIsBetter() ? candidate.testInterval().mean() >= other.testInterval().mean()
          : candidate.testInterval().mean() <= other.testInterval().mean();
      OptimizerOutcome a = candidateWins ? candidate : other;
      OptimizerOutcome b = candidateWins ? other : candidate;
      Comparison c = WinnerTest.compare(a.label(), a.test(), b.label(), b.test(), p.higherIsBetter());
      lines.add(Verdict.of(c, p.testMetric()));
    }
    return lines;
  }
}
