package dev.descent.core.optbench;

import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.SweepListener;
import dev.descent.core.train.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the sweep runner's cell events into the bench's progress: counts runs over the whole bench and estimates
 * the time left from the pace of the runs trained so far (runs found already done do not set the pace).
 */
final class TrialCounter {
  private final Clock clock;
  private final BenchProgress progress;
  private final int total;
  private final double totalCost;
  private final Instant start;
  private int done;
  private double doneCost;
  private double trainedCost;

  /**
   * @param total runs of the whole bench
   * @param totalCost their estimated seconds ({@link BenchProblem#secondsPerRun}); the ETA scales what is left of
   *     it by how fast this machine went through the estimate so far
   */
  TrialCounter(Clock clock, BenchProgress progress, int total, double totalCost) {
    this.clock = clock;
    this.progress = progress;
    this.total = total;
    this.totalCost = totalCost;
    this.start = clock.instant();
  }

  /** A listener for one sweep of {@code problem}'s {@code phase}. */
  SweepListener listener(BenchProblem problem, String phase) {
    Map<String, Instant> started = new ConcurrentHashMap<>();
    return new SweepListener() {
      @Override
      public void onCellStart(Cell cell) {
        started.put(cell.id(), clock.instant());
      }

      @Override
      public void onCellEnd(Cell cell, RunStatus status, String message) {
        Instant t0 = started.remove(cell.id());
        double seconds = t0 == null ? Double.NaN : Duration.between(t0, clock.instant()).toMillis() / 1000.0;
        ended(problem, phase, cell, status.label(), seconds, true);
      }

      @Override
      public void onCellSkipped(Cell cell, String why) {
        ended(problem, phase, cell, "already in the store (" + why + ")", Double.NaN, false);
      }

      @Override
      public void onCellEndedElsewhere(Cell cell, RunStatus status) {
        ended(problem, phase, cell, status.label() + " in another process", Double.NaN, false);
      }
    };
  }

  private synchronized void ended(BenchProblem problem, String phase, Cell cell, String outcome, double seconds,
      boolean ran) {
    done++;
    doneCost += problem.secondsPerRun();
    if (ran) {
      trainedCost += problem.secondsPerRun();
    }
    double elapsed = Duration.between(start, clock.instant()).toMillis() / 1000.0;
    double eta = trainedCost == 0 ? Double.NaN : elapsed / trainedCost * Math.max(0, totalCost - doneCost);
    var optimizer = cell.experiment().training().optimizer();
    double lr = ((Number) optimizer.params().get("learning_rate")).doubleValue();
    progress.onTrial(new BenchProgress.Trial(problem.name(), phase, optimizer.name(), lr, cell.seed(), outcome,
        seconds, done, total, eta));
  }

  /** Runs a phase could not start (an optimizer without a rate): counted as done so the ETA stays right. */
  synchronized void skip(BenchProblem problem, int cells) {
    done += cells;
    doneCost += cells * problem.secondsPerRun();
  }
}
