package dev.descent.core.train;

import java.util.List;

/**
 * The outcome of training one experiment.
 *
 * @param bestEpoch the epoch whose weights were evaluated on the test set (1-based), 0 if none
 * @param test test-set evaluation of the kept weights; null when the run diverged
 * @param divergence where the loss went non-finite; null otherwise
 * @param stoppedEarly whether early stopping ended training before the last epoch
 * @param weights the kept weights as one flat float32 vector (layer by layer, W row-major then b); null
 *     when the run diverged
 */
public record TrainingResult(RunStatus status, List<EpochMetrics> epochs, int bestEpoch, Evaluation test,
    Divergence divergence, boolean stoppedEarly, double seconds, double samplesPerSecond, long parameters,
    float[] weights) {
  public TrainingResult {
    epochs = List.copyOf(epochs);
  }
}
