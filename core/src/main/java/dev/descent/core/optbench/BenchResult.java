package dev.descent.core.optbench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole bench: the settings, each problem's outcome, and when and where it ran.
 *
 * @param machine free-form lines about the machine (cores, load) for the report's header
 */
public record BenchResult(BenchSpec spec, List<ProblemOutcome> problems, Instant started, double seconds,
    String store, List<String> machine) {
  public BenchResult {
    problems = List.copyOf(problems);
    machine = List.copyOf(machine);
  }

  /** The performance profile over the problems, on the test cost ({@link BenchProblem#cost}). */
  public PerformanceProfile testProfile() {
    Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
    for (ProblemOutcome p : problems) {
      Map<String, Double> row = new LinkedHashMap<>();
      p.optimizers().forEach(o -> row.put(o.optimizer(), p.problem().cost(o.testInterval().mean())));
      costs.put(p.problem().name(), row);
    }
    return PerformanceProfile.of(costs);
  }

  /**
   * The performance profile on speed: mean epochs to the target, counted only when every seed reached it (else the
   * optimizer failed that problem).
   */
  public PerformanceProfile speedProfile() {
    Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
    for (ProblemOutcome p : problems) {
      Map<String, Double> row = new LinkedHashMap<>();
      p.optimizers().forEach(o -> row.put(o.optimizer(), o.reached() == o.test().length && o.reached() > 0
          ? o.meanEpochsToTarget() : Double.POSITIVE_INFINITY));
      costs.put(p.problem().name(), row);
    }
    return PerformanceProfile.of(costs);
  }
}
