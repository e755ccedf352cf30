package dev.descent.core.sweep;

import dev.descent.core.store.RunStore;
import dev.descent.core.train.TrainingListener;

/**
 * What a sweep does beyond running each cell to its end: a pruner that stops hopeless cells at an epoch
 * end. Implemented in {@code dev.descent.core.tuning}; a plain grid has {@link #NONE}.
 */
public interface SweepPlan {
  SweepPlan NONE = (sweep, cell, store) -> TrainingListener.NONE;

  /**
   * A listener added to the training of {@code cell}; its {@code onEpoch} (called after the epoch is
   * recorded) may throw {@link CellPruned} to end the cell as {@code pruned}.
   */
  TrainingListener listenerFor(Sweep sweep, Cell cell, RunStore store);

  /** What the pruner is, for summaries: {@code asha}, {@code median}, {@code none}. */
  default String pruner() {
    return "none";
  }
}
