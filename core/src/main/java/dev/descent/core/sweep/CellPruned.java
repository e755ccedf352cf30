package dev.descent.core.sweep;

/**
 * Thrown from a cell's epoch listener to stop its training: the cell is recorded {@code pruned} with
 * {@link #getMessage} as its reason, keeps the epochs recorded so far, and is never run again. An exception
 * rather than a flag so the trainer needs no change to be stoppable between epochs.
 */
public final class CellPruned extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int epoch;

  public CellPruned(int epoch, String reason) {
    super("pruned at epoch " + epoch + ": " + reason, null, false, false);
    this.epoch = epoch;
  }

  public int epoch() {
    return epoch;
  }
}
