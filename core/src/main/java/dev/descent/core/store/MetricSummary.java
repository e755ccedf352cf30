package dev.descent.core.store;

/**
 * What a run's metric came to: the last value, the extremes, and the epoch of the best value
 * (the minimum for losses and times, the maximum for accuracies and rates; see {@link #higherIsBetter}).
 */
public record MetricSummary(double last, double min, double max, int bestEpoch, int lastEpoch) {

  /** Accuracies and throughput improve upwards; losses, learning rates and times downwards. */
  public static boolean higherIsBetter(String key) {
    return key.contains("accuracy") || key.equals("samples_per_second");
  }
}
