package dev.descent.core.sweep;

import dev.descent.core.data.Datasets;
import dev.descent.core.env.Backend;
import dev.descent.core.experiment.FlatParams;
import dev.descent.core.experiment.ResolvedConfig;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.provenance.Provenance;
import dev.descent.core.store.Claim;
import dev.descent.core.store.LeaseOwner;
import dev.descent.core.store.LeaseSettings;
import dev.descent.core.store.NewRun;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.tracking.Artifacts;
import dev.descent.core.tracking.RunRecorder;
import dev.descent.core.train.CompositeListener;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import dev.descent.core.train.TrainingListener;
import dev.descent.core.train.TrainingResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's cells on a pool of workers, each cell exactly once per store: every cell is entered
 * in the store's ledger as {@code queued}, and a worker runs a cell only after claiming it, which
 * succeeds for a cell that is queued, failed, crashed or stopped, or running under a dead claim (lease
 * expired, or its process gone from this machine), and fails for one that finished or diverged. A cell
 * a live process elsewhere holds is waited for ({@link HeldCells}) until it ends there or its holder
 * dies, so the sweep returns when every cell has an outcome. A failure inside one cell is recorded with
 * its stack trace and the sweep goes on.
 */
public final class SweepRunner {
  private final Trainer trainer;
  private final RunStore store;
  private final Artifacts artifacts;
  private final PluginRegistry plugins;
  private final Clock clock;
  private final LeaseSettings lease;
  private final LeaseOwner owner;
  private final HeldCells held = new HeldCells();
  /** Cells this runner may still start ({@link #limitCells}); a claim takes a permit, a failed claim gives it back. */
  private final Semaphore budget = new Semaphore(Integer.MAX_VALUE);
  private final Set<RunRecorder> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /** @param artifacts where each cell's kept weights go; null to keep none */
  public SweepRunner(Trainer trainer, RunStore store, Artifacts artifacts, PluginRegistry plugins, Clock clock) {
    this.artifacts = artifacts;
    this.trainer = trainer;
    this.store = store;
    this.plugins = plugins;
    this.clock = clock;
    this.lease = LeaseSettings.fromEnvironment();
    this.owner = LeaseOwner.self();
  }

  /** Claims cells for {@code owner} with {@code lease} (tests, {@code descent run --lease}). */
  public SweepRunner(Trainer trainer, RunStore store, Artifacts artifacts, PluginRegistry plugins, Clock clock,
      LeaseSettings lease, LeaseOwner owner) {
    this.artifacts = artifacts;
    this.trainer = trainer;
    this.store = store;
    this.plugins = plugins;
    this.clock = clock;
    this.lease = lease;
    this.owner = owner;
  }

  /** Starts at most {@code cells} cells in all ({@code descent worker --max-cells}); returns this runner. */
  public SweepRunner limitCells(int cells) {
    budget.drainPermits();
    budget.release(cells);
    return this;
  }

  /** Whether the cell budget is spent: this runner starts no more cells. */
  public boolean budgetSpent() {
    return budget.availablePermits() == 0;
  }

  /** Runs every cell that still needs running with {@code workers} threads; returns how many ran. */
  public int run(Sweep sweep, Path file, int workers, SweepListener given) {
    SweepListener listener = new LeaseLossListener(given,
        cell -> running.stream().anyMatch(r -> r.runId().equals(cell.id()) && r.leaseLost()));
    Backend backend = Backend.current();
    store.recordSweep(new SweepInfo(sweep.id(), sweep.name(), sweep.objective().metric(), sweep.objective().mode(),
        sweep.axes(), clock.instant()));
    for (Cell cell : sweep.cells()) {
      store.enqueue(newRun(sweep, cell, file, backend));
    }
    List<String> ids = sweep.cells().stream().map(Cell::id).toList();
    int toRun = (int) store.summaries(ids).stream()
        .filter(r -> r.status().rerunnable() || r.status() == RunStatus.RUNNING).count();
    listener.onSweepStart(sweep, toRun, workers);
    ConcurrentLinkedQueue<Cell> queue = new ConcurrentLinkedQueue<>(sweep.cells());
    AtomicInteger ran = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "descent-worker");
      t.setDaemon(true);
      return t;
    });
    for (int w = 0; w < workers; w++) {
      pool.execute(() -> {
        Cell cell;
        while (!stopping && (cell = next(queue)) != null) {
          if (runCell(cell, listener)) {
            ran.incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    try {
      while (!pool.awaitTermination(1, TimeUnit.SECONDS) && !stopping) {
        // wait; an interrupt (Ctrl-C, SIGTERM) arrives through stopAll(), after which the running cells
        // are recorded stopped and their threads' later writes are refused: return at once
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ran.get();
  }

  /** The next cell not yet asked for, else the next held cell once its pause is over, else null. */
  private Cell next(ConcurrentLinkedQueue<Cell> queue) {
    if (budgetSpent()) {
      return null;
    }
    Cell cell = queue.poll();
    if (cell != null) {
      return cell;
    }
    try {
      return held.next(() -> stopping);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Claims the cell; when another live process holds it, puts it among the held cells to ask for again
   * after a heartbeat; when it ended (here before, or there while this sweep waited), says so. True
   * when the cell is this sweep's to run.
   */
  private Claim claim(Cell cell, SweepListener listener) {
    if (!budget.tryAcquire()) {
      return null;
    }
    Claim c = store.claim(cell.id(), owner, clock.instant(), lease.lease());
    if (!c.granted()) {
      budget.release();
    }
    switch (c.kind()) {
      case HELD -> {
        if (held.hold(cell, c.lease(), lease.heartbeat())) {
          listener.onCellHeld(cell, c.lease());
        }
      }
      case ENDED -> {
        if (held.waitedFor(cell.id())) {
          held.release(cell.id());
          listener.onCellEndedElsewhere(cell, c.status());
        } else {
          listener.onCellSkipped(cell, c.status().label());
        }
      }
      case GRANTED -> {
        held.release(cell.id());
        if (c.takeover() != null) {
          listener.onCellReclaimed(cell, c.takeover());
        }
      }
    }
    return c;
  }

  private boolean runCell(Cell cell, SweepListener listener) {
    long t0 = System.nanoTime();
    Claim claim = claim(cell, listener);
    if (claim == null || !claim.granted()) {
      return false;
    }
    listener.onCellStart(cell);
    RunRecorder recorder = RunRecorder.attach(store, cell.id(), claim.lease().token(), lease, clock);
    running.add(recorder);
    long training = 0;
    try {
      TrainingListener progress = new TrainingListener() {
        @Override
        public void onEpoch(EpochMetrics m) {
          listener.onCellEpoch(cell, m);
        }
      };
      var data = Datasets.load(cell.experiment().dataset());
      long t1 = System.nanoTime();
      TrainingResult r = trainer.train(cell.experiment(), data, CompositeListener.of(recorder, progress));
      training = System.nanoTime() - t1 - recorder.storeNanos();
      recorder.finished(r, artifacts);
      listener.onCellEnd(cell, r.status(), r.divergence() == null ? null : r.divergence().message());
    } catch (Throwable t) {
      recorder.failed(t);
      listener.onCellEnd(cell, RunStatus.FAILED, String.valueOf(t.getMessage() == null ? t : t.getMessage()));
      if (t instanceof Error e && !(t instanceof AssertionError)) {
        throw e;
      }
    } finally {
      running.remove(recorder);
      recorder.close();
      double wall = (System.nanoTime() - t0) / 1e9;
      listener.onCellTiming(cell, wall, training == 0 ? Double.NaN : wall - training / 1e9);
    }
    return true;
  }

  /**
   * Ctrl-C: this sweep's running cells are recorded as {@code stopped} with what they had; no new cell
   * starts, and cells other processes hold are left to them.
   */
  public void stopAll() {
    stopping = true;
    for (RunRecorder r : List.copyOf(running)) {
      r.stopped();
    }
  }

  private NewRun newRun(Sweep sweep, Cell cell, Path file, Backend backend) {
    return new NewRun(cell.id(), sweep.name(), sweep.id(), ResolvedConfig.of(cell.experiment()),
        FlatParams.of(cell.experiment()), Provenance.of(cell.experiment(), plugins, backend, file),
        new TreeSet<>(), clock.instant());
  }
}
