package dev.descent.core.sweep;

import dev.descent.core.store.Lease;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.RunStatus;

/** Hears about a sweep's progress: the CLI draws the overall bar and a line per running cell. */
public interface SweepListener {
  SweepListener NONE = new SweepListener() {};

  /** The sweep starts: {@code toRun} of {@code total} cells still need running. */
  default void onSweepStart(Sweep sweep, int toRun, int workers) {}

  default void onCellStart(Cell cell) {}

  default void onCellEpoch(Cell cell, EpochMetrics metrics) {}

  /** A cell ended; {@code message} is the error or divergence, null when it finished. */
  default void onCellEnd(Cell cell, RunStatus status, String message) {}

  /**
   * How long a cell took in all and how much of it was not training: claiming, setup, provenance and
   * every store write (epochs included), i.e. what the sweep machinery costs per cell.
   */
  default void onCellTiming(Cell cell, double wallSeconds, double overheadSeconds) {}

  /** A cell was not run: it reached an outcome before this sweep asked for it. */
  default void onCellSkipped(Cell cell, String why) {}

  /**
   * This process may not train the cell: a plugin the sweep recorded is missing here or another build,
   * or a dataset file differs ({@code why} says which). The cell is left to other workers, unclaimed.
   */
  default void onCellRefused(Cell cell, String why) {}

  /** Something about the cell to tell once that does not stop it (another descent version). */
  default void onCellWarning(Cell cell, String warning) {}

  /**
   * A live process elsewhere holds the cell: the sweep waits for it, asking again every heartbeat. Told
   * when a cell is first found held and whenever another claim holds it.
   */
  default void onCellHeld(Cell cell, Lease holder) {}

  /** A cell the sweep waited for reached {@code status} in the process that held it. */
  default void onCellEndedElsewhere(Cell cell, RunStatus status) {}

  /** The sweep took a running cell over from a dead claim; {@code why} says how the holder was found dead. */
  default void onCellReclaimed(Cell cell, String why) {}

  /**
   * This process lost a running cell: it was paused or cut off past its lease, another process took the
   * cell over, and this attempt's writes were refused. The other process's attempt stands.
   */
  default void onCellAbandoned(Cell cell, String why) {}
}
