package dev.descent.core.train;

/** Hears about training progress: the CLI draws bars from it, the run store records epochs. */
public interface TrainingListener {
  TrainingListener NONE = new TrainingListener() {};

  /** Training starts: {@code epochs} at most, {@code batches} per epoch. */
  default void onStart(int epochs, int batches) {}

  /** A batch finished; {@code batch} counts from 1. */
  default void onBatch(int epoch, int batch, double loss) {}

  /** An epoch finished and was evaluated. */
  default void onEpoch(EpochMetrics metrics) {}
}
