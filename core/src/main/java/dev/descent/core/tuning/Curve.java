package dev.descent.core.tuning;

/**
 * One trial's objective as recorded epoch by epoch: what a pruner compares.
 *
 * @param values {@code values[e - 1]} is the objective after epoch {@code e}; its length is the epochs reached
 * @param finished whether the trial ran to its own end (not pruned, not still running): the median rule
 *     compares against finished trials only, as Optuna's does
 */
public record Curve(String id, double[] values, boolean finished) {
  /** The value after {@code epoch}, or NaN when the trial did not reach it. */
  public double at(int epoch) {
    return epoch >= 1 && epoch <= values.length ? values[epoch - 1] : Double.NaN;
  }

  public int epochs() {
    return values.length;
  }
}
