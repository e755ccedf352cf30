package dev.descent.core.sweep;

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

  /** A cell was not run: finished before, or running in another process. */
  default void onCellSkipped(Cell cell, String why) {}
}
