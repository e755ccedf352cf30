package dev.descent.core.optbench;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to compare and with how much: the optimizer under test, the ones it is compared with, the learning-rate
 * grid every optimizer gets, the seeds the best rate is rerun with, and which problems.
 *
 * @param candidate the optimizer under test (a registered name)
 * @param against the optimizers it is compared with, in the order given
 * @param budget learning rates tried per optimizer per problem (the same for all)
 * @param seeds seeds the best rate is rerun with
 * @param lrMin smallest rate of the grid
 * @param lrMax largest rate of the grid
 * @param problems problem names ({@link BenchProblems#names}); empty for all
 */
public record BenchSpec(String candidate, List<String> against, int budget, int seeds, double lrMin, double lrMax,
    List<String> problems) {
  public static final int DEFAULT_BUDGET = 16;
  public static final int DEFAULT_SEEDS = 10;
  public static final double DEFAULT_LR_MIN = 1e-5;
  public static final double DEFAULT_LR_MAX = 1;
  public static final int MAX_BUDGET = 50;
  public static final int MAX_SEEDS = 50;
  /** Seed of the tuning runs; the reruns use 1..seeds, so the rate is never judged on the run that chose it. */
  public static final long TUNING_SEED = 0;

  public BenchSpec {
    against = List.copyOf(against);
    problems = List.copyOf(problems);
  }

  /** Every optimizer, the candidate first. */
  public List<String> optimizers() {
    List<String> all = new ArrayList<>();
    all.add(candidate);
    against.stream().filter(a -> !a.equals(candidate)).forEach(all::add);
    return all;
  }

  /** The grid every optimizer is tuned on. */
  public List<Double> learningRates() {
    return LrGrid.of(lrMin, lrMax, budget);
  }

  /**
   * Checks every field against the optimizers this process has loaded, reporting every problem at once with the
   * bad value and what is allowed.
   */
  public void validate(Set<String> available) {
    List<String> problems = new ArrayList<>();
    String names = String.join(", ", available);
    if (!available.contains(candidate)) {
      problems.add("NAME|JAR: unknown optimizer '" + candidate + "'; available: " + names + ". Give a loaded"
          + " optimizer's name or the path of a plugin jar (ending in .jar)");
    }
    if (against.isEmpty()) {
      problems.add("--against: is empty; give one or more optimizers separated by commas, e.g. sgd,adam");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < against.size(); i++) {
      String a = against.get(i);
      if (!available.contains(a)) {
        problems.add("--against[" + i + "]: unknown optimizer '" + a + "'; available: " + names);
      } else if (a.equals(candidate)) {
        problems.add("--against[" + i + "]: '" + a + "' is the optimizer under test; compare it with others");
      } else if (!seen.add(a)) {
        problems.add("--against[" + i + "]: '" + a + "' is listed twice");
      }
    }
    if (budget < 1 || budget > MAX_BUDGET) {
      problems.add("--budget: was " + budget + ", must be 1 to " + MAX_BUDGET + " (learning rates tried per"
          + " optimizer per problem; default " + DEFAULT_BUDGET + ")");
    }
    if (seeds < 1 || seeds > MAX_SEEDS) {
      problems.add("--seeds: was " + seeds + ", must be 1 to " + MAX_SEEDS + " (2 or more for an interval and a"
          + " test; default " + DEFAULT_SEEDS + ")");
    }
    if (!(lrMin > 0) || !(lrMax >= lrMin) || Double.isInfinite(lrMax)) {
      problems.add("--lr-range: was " + Numbers.plain(lrMin) + ".." + Numbers.plain(lrMax) + ", must be two"
          + " finite rates 0 < MIN <= MAX, e.g. 1e-5,1");
    }
    for (int i = 0; i < this.problems.size(); i++) {
      if (!BenchProblems.names().contains(this.problems.get(i))) {
        problems.add("--problems[" + i + "]: unknown problem '" + this.problems.get(i) + "'; the suite has "
            + String.join(", ", BenchProblems.names()));
      }
    }
    if (!problems.isEmpty()) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "bench-optimizer: " + problems.size() + " problem"
          + (problems.size() == 1 ? "" : "s") + "\n  " + String.join("\n  ", problems));
    }
  }
}
