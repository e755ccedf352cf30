package dev.descent.core.optbench;

import java.util.List;

/**
 * One problem's result: each optimizer's outcome (the candidate first), the comparison lines of the candidate
 * against each other optimizer on the test metric, and the two sweeps in the store.
 */
public record ProblemOutcome(BenchProblem problem, String tuningSweepId, String seedsSweepId,
    List<OptimizerOutcome> optimizers, List<String> verdicts, double seconds) {
  public ProblemOutcome {
    optimizers = List.copyOf(optimizers);
    verdicts = List.copyOf(verdicts);
  }
}
