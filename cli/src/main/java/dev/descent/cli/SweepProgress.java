package dev.descent.cli;

import dev.descent.core.store.Lease;
import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.Eta;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepListener;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.RunStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sweep progress as plain lines: one when a cell starts and one when it ends with the overall count,
 * failures and an ETA from the cells done so far. Plain lines read well in a terminal, a pipe and a
 * CI log alike; a cell's epochs show in a terminal only, redrawn on its own line.
 */
final class SweepProgress implements SweepListener {
  private final PrintWriter out;
  private final boolean terminal;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final java.util.List<Double> overheads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private volatile int toRun;
  private volatile int workers;
  private volatile double cellSeconds;
  private final long t0 = System.nanoTime();

  SweepProgress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void onSweepStart(Sweep sweep, int toRun, int workers) {
    this.toRun = toRun;
    this.workers = workers;
    out.printf("sweep %s (%s): %d cells, %d to run, %d worker%s%n", sweep.id(), sweep.name(), sweep.plan().cells(sweep),
        toRun, workers, workers == 1 ? "" : "s");
    out.flush();
  }

  @Override
  public void onCellStart(Cell cell) {
    started.put(cell.id(), System.nanoTime());
    line("start  %s  %s seed=%d", cell.id(), cell.axisValues(), cell.seed());
  }

  @Override
  public synchronized void onCellEpoch(Cell cell, EpochMetrics m) {
    if (terminal) {
      out.printf("\r\033[K  %s epoch %d  val_acc %s", cell.id(), m.epoch(), Summary.fmt(m.valAccuracy()));
      out.flush();
    }
  }

  @Override
  public void onCellEnd(Cell cell, RunStatus status, String message) {
    ended(cell, status, message, "");
  }

  @Override
  public void onCellHeld(Cell cell, Lease holder) {
    Instant beat = holder.heartbeat();
    line("waiting %s  held by %s, last heartbeat %s%s; lease until %s", cell.id(), holder.holder(), beat,
        beat == null ? "" : " (" + Math.max(0, Duration.between(beat, Instant.now()).toSeconds()) + " s ago)",
        holder.leaseUntil());
  }

  @Override
  public void onCellEndedElsewhere(Cell cell, RunStatus status) {
    ended(cell, status, null, "  (by another process)");
  }

  @Override
  public void onCellReclaimed(Cell cell, String why) {
    line("reclaim %s: %s", cell.id(), why);
  }

  @Override
  public void onCellAbandoned(Cell cell, String why) {
    done.incrementAndGet();
    line("abandon %s  %s", cell.id(), why);
  }

  private void ended(Cell cell, RunStatus status, String message, String where) {
    int n = done.incrementAndGet();
    if (status == RunStatus.FAILED) {
      failed.incrementAndGet();
    }
    double secs = (System.nanoTime() - started.getOrDefault(cell.id(), System.nanoTime())) / 1e9;
    double elapsed = (System.nanoTime() - t0) / 1e9;
    cellSeconds = elapsed * workers / n;
    String eta = Eta.duration(new Eta(Math.max(0, toRun - n), cellSeconds, workers).seconds());
    line("[%d/%d, %d failed, ETA %s] %-8s %s  %s seed=%d  %.1f s%s%s", n, toRun, failed.get(), eta, status.label(),
        cell.id(), cell.axisValues(), cell.seed(), secs, message == null ? "" : "  " + message, where);
  }

  @Override
  public void onCellTiming(Cell cell, double wallSeconds, double overheadSeconds) {
    overheads.add(overheadSeconds);
  }

  /** The mean per-cell overhead (everything but training) in milliseconds, NaN before any cell. */
  double meanOverheadMillis() {
    return overheads.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN) * 1000;
  }

  @Override
  public void onCellSkipped(Cell cell, String why) {
    // finished cells are skipped silently: the summary counts them
  }

  @Override
  public void onCellRefused(Cell cell, String why) {
    line("skip     %s: %s", cell.id(), why);
  }

  @Override
  public void onCellWarning(Cell cell, String warning) {
    line("warning  %s", warning);
  }

  private synchronized void line(String format, Object... args) {
    if (terminal) {
      out.print("\r\033[K");
    }
    out.printf(format + "%n", args);
    out.flush();
  }
}
