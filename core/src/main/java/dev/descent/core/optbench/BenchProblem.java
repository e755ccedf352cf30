package dev.descent.core.optbench;

import java.util.Map;

/**
 * One problem of the suite: what trains (the experiment file's {@code dataset}, {@code model} and the fixed part
 * of {@code training}), what the learning rate is tuned on, what is reported, and the target whose epochs are
 * counted.
 *
 * @param name short id, used in sweep names and {@code --problems}
 * @param title one line for the report
 * @param dataset the experiment file's {@code dataset:} section
 * @param model the experiment file's {@code model:} section
 * @param batchSize fixed for every optimizer: only the learning rate is tuned
 * @param epochs fixed for every optimizer (no early stopping: every run has the same budget of steps)
 * @param tuneMetric the validation metric the learning rate is chosen by ({@code val_accuracy} or {@code val_loss})
 * @param testMetric the metric reported over seeds ({@code test_accuracy} or {@code test_loss})
 * @param target the value of {@code tuneMetric} whose first epoch is reported as "epochs to target"
 * @param sizing why the problem is this big, for the report and the docs
 * @param needsFashionMnist whether the problem reads Fashion-MNIST
 * @param secondsPerRun how long one run took on average in the committed lion bench (2 at once, load 3-4); only the
 *     ratios matter: they weigh the ETA, so the slow problems left are not timed by the pace of the quick ones done
 */
public record BenchProblem(String name, String title, Map<String, Object> dataset, Map<String, Object> model,
    int batchSize, int epochs, String tuneMetric, String testMetric, double target, String sizing,
    boolean needsFashionMnist, double secondsPerRun) {

  /** Whether a larger value of the metrics is better (accuracy) or a smaller one (loss). */
  public boolean higherIsBetter() {
    return tuneMetric.endsWith("accuracy");
  }

  /** Whether {@code value} of {@link #tuneMetric} reaches the target. */
  public boolean reaches(double value) {
    return higherIsBetter() ? value >= target : value <= target;
  }

  /** The target as a phrase: {@code val_accuracy >= 0.85}. */
  public String targetText() {
    return tuneMetric + (higherIsBetter() ? " >= " : " <= ") + dev.descent.core.Numbers.plain(target);
  }

  /**
   * The cost the performance profile compares, lower better: the test error (1 - accuracy) of a classification,
   * the test loss of a regression; +inf when there is no finite value.
   */
  public double cost(double testValue) {
    if (!Double.isFinite(testValue)) {
      return Double.POSITIVE_INFINITY;
    }
    return testMetric.endsWith("accuracy") ? 1 - testValue : testValue;
  }
}
