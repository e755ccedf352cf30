package dev.descent.core.optbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A Dolan–Moré performance profile (Dolan and Moré 2002, "Benchmarking optimization software with performance
 * profiles"): for each problem p and solver s with cost t(p, s) (lower better), the ratio r(p, s) = t(p, s) /
 * min over solvers of t(p, ·); the profile of s is rho_s(tau) = the fraction of problems with r(p, s) <= tau. So
 * rho_s(1) is the share of problems s wins (ties count for all tied), and the height for large tau the share it
 * solves at all. A failed solver (no finite cost) has ratio +inf and never counts.
 *
 * <p>The ratio needs positive costs: a cost of 0 (a perfect test accuracy) is raised to {@link #FLOOR} first, so
 * that a perfect score makes the others' ratios large but finite.
 */
public final class PerformanceProfile {
  public static final double FLOOR = 1e-4;
  private final List<String> problems;
  private final List<String> solvers;
  private final Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();

  private PerformanceProfile(List<String> problems, List<String> solvers) {
    this.problems = List.copyOf(problems);
    this.solvers = List.copyOf(solvers);
  }

  /**
   * The profile of the costs {@code problem -> solver -> cost}; a missing, NaN or infinite cost is a failure.
   * Solvers are taken in first-seen order.
   */
  public static PerformanceProfile of(Map<String, Map<String, Double>> costs) {
    List<String> solvers = new ArrayList<>();
    costs.values().forEach(m -> m.keySet().stream().filter(s -> !solvers.contains(s)).forEach(solvers::add));
    PerformanceProfile profile = new PerformanceProfile(new ArrayList<>(costs.keySet()), solvers);
    costs.forEach((problem, bySolver) -> {
      double best = Double.POSITIVE_INFINITY;
      for (String s : solvers) {
        best = Math.min(best, cost(bySolver.get(s)));
      }
      Map<String, Double> row = new LinkedHashMap<>();
      for (String s : solvers) {
        double c = cost(bySolver.get(s));
        row.put(s, Double.isInfinite(c) ? Double.POSITIVE_INFINITY : c / best);
      }
      profile.ratios.put(problem, row);
    });
    return profile;
  }

  private static double cost(Double c) {
    if (c == null || !Double.isFinite(c)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(c, FLOOR);
  }

  public List<String> problems() {
    return problems;
  }

  public List<String> solvers() {
    return solvers;
  }

  /** r(p, s): 1 for the best on the problem, +inf for a failure. */
  public double ratio(String problem, String solver) {
    return ratios.get(problem).get(solver);
  }

  /** rho_s(tau): the fraction of problems on which {@code solver} is within a factor {@code tau} of the best. */
  public double rho(String solver, double tau) {
    if (problems.isEmpty()) {
      return 0;
    }
    long within = problems.stream().filter(p -> ratio(p, solver) <= tau).count();
    return (double) within / problems.size();
  }

  /** The finite ratios, sorted and distinct: where some rho steps up. */
  public List<Double> breakpoints() {
    TreeSet<Double> steps = new TreeSet<>();
    ratios.values().forEach(row -> row.values().stream().filter(Double::isFinite).forEach(steps::add));
    return new ArrayList<>(steps);
  }
}
