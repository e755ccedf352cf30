package dev.descent.core.optbench;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one optimizer did on one problem.
 *
 * @param optimizer its name
 * @param lr the rate chosen by the tuning grid; null when every rate diverged or failed
 * @param tuning rate -> the tuning run's validation objective (best epoch); NaN where it diverged or failed
 * @param test the test metric of each rerun seed, in seed order; NaN for a run that diverged or failed
 * @param epochsToTarget per rerun seed, the first epoch whose validation metric reached the target; 0 when never
 */
public record OptimizerOutcome(String optimizer, Double lr, Map<Double, Double> tuning, double[] test,
    int[] epochsToTarget) {
  public OptimizerOutcome {
    tuning = Collections.unmodifiableMap(new TreeMap<>(tuning));
    test = test.clone();
    epochsToTarget = epochsToTarget.clone();
  }

  public MeanInterval testInterval() {
    return MeanInterval.of(test);
  }

  /** Reruns that diverged or failed. */
  public int failedSeeds() {
    return (int) Arrays.stream(test).filter(v -> !Double.isFinite(v)).count();
  }

  /** Reruns that reached the target. */
  public int reached() {
    return (int) Arrays.stream(epochsToTarget).filter(e -> e > 0).count();
  }

  /** Mean epochs to the target over the seeds that reached it; NaN when none did. */
  public double meanEpochsToTarget() {
    return Arrays.stream(epochsToTarget).filter(e -> e > 0).average().orElse(Double.NaN);
  }

  /** Label as in the comparison lines: {@code lion lr=0.0001}. */
  public String label() {
    return optimizer + (lr == null ? "" : " lr=" + dev.descent.core.Numbers.plain(lr));
  }
}
