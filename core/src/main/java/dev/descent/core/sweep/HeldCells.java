package dev.descent.core.sweep;

import dev.descent.core.store.Lease;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Cells another live process holds, which a sweep waits for instead of skipping: each is asked for
 * again after a pause until it reaches an outcome there, or its holder dies and this sweep takes it
 * over. Shared by the sweep's worker threads.
 */
final class HeldCells {
  private final Map<String, Lease> holders = new ConcurrentHashMap<>();
  private final DelayQueue<Due> due = new DelayQueue<>();

  /**
   * Puts {@code cell} back to be asked for after {@code pause}; true when it was not held before or is
   * now held by another claim (worth telling the user), false when the same holder still has it.
   */
  boolean hold(Cell cell, Lease holder, Duration pause) {
    Lease before = holders.put(cell.id(), holder);
    due.add(new Due(cell, System.nanoTime() + pause.toNanos()));
    return before == null || before.token() != holder.token();
  }

  /** Whether the sweep has been waiting for {@code cellId}. */
  boolean waitedFor(String cellId) {
    return holders.containsKey(cellId);
  }

  /** The cell is no longer held by another process (it ended, or it is ours now). */
  void release(String cellId) {
    holders.remove(cellId);
  }

  /**
   * The next held cell once its pause is over; null as soon as none is held (nothing left to wait for)
   * or {@code stopping} says so.
   */
  Cell next(BooleanSupplier stopping) throws InterruptedException {
    while (!stopping.getAsBoolean()) {
      Due d = due.poll(200, TimeUnit.MILLISECONDS);
      if (d != null) {
        return d.cell;
      }
      if (due.isEmpty()) {
        return null;
      }
    }
    return null;
  }

  private static final class Due implements Delayed {
    final Cell cell;
    final long at;

    Due(Cell cell, long at) {
      this.cell = cell;
      this.at = at;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(at, ((Due) o).at);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Due d && d.cell.id().equals(cell.id()) && d.at == at;
    }

    @Override
    public int hashCode() {
      return Objects.hash(cell.id(), at);
    }
  }
}
