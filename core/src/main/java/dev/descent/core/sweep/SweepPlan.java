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

  /**
   * Cells to run once the sweep's own are all taken (a TPE search's next proposal), or none when the search
   * is complete or its budget spent. Workers call this one at a time per plan.
   */
  default java.util.List<Cell> more(Sweep sweep, RunStore store) {
    return java.util.List.of();
  }

  /**
   * Takes back a proposal of {@link #more} that the store refused ({@link RunStore#enqueueTrial}): another
   * process entered the sweep's last trial first. The plan forgets it, and learns the other one from the store.
   */
  default void withdraw(java.util.List<Cell> proposal) {}

  /**
   * Whether the sweep's {@code budget:} is spent: the runner then claims no new cell (cells already running
   * end as usual).
   */
  default boolean spent(Sweep sweep, RunStore store) {
    return false;
  }

  /** How many cells the sweep runs in all: a TPE search's trials x seeds, of which only some are proposed yet. */
  default int cells(Sweep sweep) {
    return sweep.cells().size();
  }

  /**
   * What rebuilds this plan where the file is not at hand (written to the sweep's record in the store, read
   * back by {@link StoredSweeps#load}); null when there is nothing to rebuild.
   */
  default String stored() {
    return null;
  }

  /** The sweep with every cell known so far (a TPE search's proposals too): what its summary lists. */
  default Sweep known(Sweep sweep) {
    return sweep;
  }

  /**
   * What {@code --dry-run} says instead of the grid's count line (a search's space, trials and pruner), or
   * null to keep it.
   */
  default String describe(Sweep sweep) {
    return null;
  }

  /** What the pruner is, for summaries: {@code asha}, {@code median}, {@code none}. */
  default String pruner() {
    return "none";
  }
}
