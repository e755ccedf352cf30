package dev.descent.core.sweep;

import dev.descent.core.store.Lease;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.RunStatus;
import java.util.function.Predicate;

/**
 * Tells a cell whose claim was taken over as {@link SweepListener#onCellAbandoned} instead of as a
 * failure: its training stopped because this process lost the cell to another, which runs it, and
 * nothing of this attempt was recorded. Everything else passes through.
 */
final class LeaseLossListener implements SweepListener {
  private final SweepListener to;
  private final Predicate<Cell> lost;

  LeaseLossListener(SweepListener to, Predicate<Cell> lost) {
    this.to = to;
    this.lost = lost;
  }

  @Override
  public void onCellEnd(Cell cell, RunStatus status, String message) {
    if (lost.test(cell)) {
      to.onCellAbandoned(cell, message);
    } else {
      to.onCellEnd(cell, status, message);
    }
  }

  @Override
  public void onSweepStart(Sweep sweep, int toRun, int workers) {
    to.onSweepStart(sweep, toRun, workers);
  }

  @Override
  public void onCellStart(Cell cell) {
    to.onCellStart(cell);
  }

  @Override
  public void onCellEpoch(Cell cell, EpochMetrics metrics) {
    to.onCellEpoch(cell, metrics);
  }

  @Override
  public void onCellTiming(Cell cell, double wallSeconds, double overheadSeconds) {
    to.onCellTiming(cell, wallSeconds, overheadSeconds);
  }

  @Override
  public void onCellSkipped(Cell cell, String why) {
    to.onCellSkipped(cell, why);
  }

  @Override
  public void onCellRefused(Cell cell, String why) {
    to.onCellRefused(cell, why);
  }

  @Override
  public void onCellWarning(Cell cell, String warning) {
    to.onCellWarning(cell, warning);
  }

  @Override
  public void onCellHeld(Cell cell, Lease holder) {
    to.onCellHeld(cell, holder);
  }

  @Override
  public void onCellEndedElsewhere(Cell cell, RunStatus status) {
    to.onCellEndedElsewhere(cell, status);
  }

  @Override
  public void onCellReclaimed(Cell cell, String why) {
    to.onCellReclaimed(cell, why);
  }

  @Override
  public void onCellAbandoned(Cell cell, String why) {
    to.onCellAbandoned(cell, why);
  }
}
