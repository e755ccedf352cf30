package dev.descent.core.sweep;

import dev.descent.core.DescentException;
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
import dev.descent.core.store.StoreFailures;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a sweep's cells on a pool of workers, each cell exactly once per store: every cell is entered
 * in the store's ledger as {@code queued}, and a worker runs a cell only after claiming it, which
 * succeeds for a cell that is queued, failed, crashed or stopped, or running under a dead claim (lease
 * expired, or its process gone from this machine), and fails for one that finished or diverged. A cell
 * a live process elsewhere holds is waited for ({@link HeldCells}) until it ends there or its holder
 * dies, so the sweep returns when every cell has an outcome. A failure inside one cell is recorded with
 * its stack trace and the sweep goes on. A failure of the store itself (a full disk, a read-only store)
 * stops the sweep instead: no cell is claimed after it, running cells stop at their next batch and are
 * recorded {@code stopped} where the store still allows (else left for the next run to reclaim), and
 * {@link #run} throws one {@link DescentException} naming the cause; rerunning resumes.
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
  private final CellChecks checks;
  /** Cells this runner may still start ({@link #limitCells}); a claim takes a permit, a failed claim gives it back. */
  private final Semaphore budget = new Semaphore(Integer.MAX_VALUE);
  private final Set<RunRecorder> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;
  /** The first store failure (a full disk, a read-only store): the sweep claims nothing more and stops. */
  private final AtomicReference<DescentException> storeFailure = new AtomicReference<>();
  private final AtomicInteger leftRunning = new AtomicInteger();
  /** The sweep {@link #run} runs, whose plan (a pruner) listens to each cell. */
  private volatile Sweep currentSweep;
  private volatile Path currentFile;

  /** @param artifacts where each cell's kept weights go; null to keep none */
  public SweepRunner(Trainer trainer, RunStore store, Artifacts artifacts, PluginRegistry plugins, Clock clock) {
    this.artifacts = artifacts;
    this.trainer = trainer;
    this.store = store;
    this.plugins = plugins;
    this.clock = clock;
    this.lease = LeaseSettings.fromEnvironment();
    this.owner = LeaseOwner.self();
    this.checks = new CellChecks(store, plugins);
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
    this.checks = new CellChecks(store, plugins);
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

  /**
   * Enters the sweep into the store without running anything: its record (objective, axes, plan) and each of
   * its cells queued, a cell already there left as it is. Workers on the store can take it from then on
   * ({@code descent sweeps submit}); {@link #run} enters first too. Returns how many cells were queued anew.
   */
  public int enter(Sweep sweep, Path file) {
    Backend backend = Backend.current();
    store.recordSweep(new SweepInfo(sweep.id(), sweep.name(), sweep.objective().metric(), sweep.objective().mode(),
        sweep.axes(), clock.instant(), sweep.plan().stored()));
    return store.enqueueAll(sweep.cells().stream().map(cell -> newRun(sweep, cell, file, backend)).toList());
  }

  /** Runs every cell that still needs running with {@code workers} threads; returns how many ran. */
  public int run(Sweep sweep, Path file, int workers, SweepListener given) {
    currentSweep = sweep;
    currentFile = file;
    SweepListener listener = new LeaseLossListener(given,
        cell -> running.stream().anyMatch(r -> r.runId().equals(cell.id()) && r.leaseLost()));
    enter(sweep, file);
    List<String> ids = sweep.cells().stream().map(Cell::id).toList();
    List<String> open = store.summaries(ids).stream()
        .filter(r -> r.status().rerunnable() || r.status() == RunStatus.RUNNING).map(r -> r.id()).toList();
    int toRun = open.size();
    if (sweep.plan().cells(sweep) > sweep.cells().size()) { // a TPE search: trials not yet proposed count too
      long ended = store.summaries(store.cellIds(sweep.id())).stream().filter(r -> r.status().outcome()).count();
      toRun = (int) Math.max(toRun, sweep.plan().cells(sweep) - ended);
    }
    checks.prepare(sweep, open);
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
        while (!stopping && storeFailure.get() == null && (cell = next(queue)) != null) {
          try {
            if (runCell(cell, listener)) {
              ran.incrementAndGet();
            }
          } catch (DescentException e) {
            if (!e.code().isStoreFailure()) {
              throw e;
            }
            storeFailure.compareAndSet(null, e); // the claim itself failed
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
    DescentException failure = storeFailure.get();
    if (failure != null) {
      int left = leftRunning.get();
      throw new DescentException(failure.code(), "Sweep '" + sweep.name() + "' stopped: " + failure.getMessage()
          + (left == 0 ? "" : " " + left + " running cell" + (left == 1 ? " was" : "s were") + " left 'running'"
              + " (the store took no more writes); the next run reclaims " + (left == 1 ? "it." : "them.")), failure);
    }
    return ran.get();
  }

  /** The next cell not yet asked for, else the next held cell once its pause is over, else null. */
  private Cell next(ConcurrentLinkedQueue<Cell> queue) {
    if (budgetSpent() || currentSweep.plan().spent(currentSweep, store)) {
      return null;
    }
    Cell cell = queue.poll();
    if (cell != null) {
      return cell;
    }
    // a search's next proposal; refused when another process entered the last trial first, and then the plan
    // adopts that one on the next ask (a few asks at most: each refusal means the store has a trial more)
    for (int ask = 0; ask < 3; ask++) {
      List<Cell> proposal = currentSweep.plan().more(currentSweep, store);
      if (proposal.isEmpty()) {
        break;
      }
      Backend backend = Backend.current();
      List<NewRun> runs = proposal.stream().map(c -> newRun(currentSweep, c, currentFile, backend)).toList();
      if (store.enqueueTrial(currentSweep.id(), runs, currentSweep.plan().cells(currentSweep))) {
        queue.addAll(proposal);
        break;
      }
      currentSweep.plan().withdraw(proposal);
    }
    cell = queue.poll();
    if (cell != null) {
      return cell;
    }
    try {
      return held.next(() -> stopping || storeFailure.get() != null);
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
    if (!checks.mayRun(cell, listener)) {
      return false;
    }
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
          stopIfStoreFailed();
        }

        @Override
        public void onBatch(int epoch, int batch, double loss) {
          stopIfStoreFailed();
        }
      };
      var data = Datasets.load(cell.experiment().dataset());
      long t1 = System.nanoTime();
      TrainingListener plan = currentSweep.plan().listenerFor(currentSweep, cell, store);
      TrainingResult r = trainer.train(cell.experiment(), data, CompositeListener.of(recorder, progress, plan));
      training = System.nanoTime() - t1 - recorder.storeNanos();
      recorder.finished(r, artifacts);
      listener.onCellEnd(cell, r.status(), r.divergence() == null ? null : r.divergence().message());
    } catch (CellPruned p) {
      recorder.pruned(p.getMessage());
      listener.onCellEnd(cell, RunStatus.PRUNED, p.getMessage());
    } catch (Throwable t) {
      Optional<DescentException> storeDown = StoreFailures.find(t);
      if (storeDown.isEmpty() && !(t instanceof StoreStopped)) {
        storeDown = recordFailure(recorder, t);
        listener.onCellEnd(cell, RunStatus.FAILED, String.valueOf(t.getMessage() == null ? t : t.getMessage()));
        if (t instanceof Error e && !(t instanceof AssertionError)) {
          throw e;
        }
      }
      if (storeDown.isPresent()) {
        storeFailure.compareAndSet(null, storeDown.get());
        stopRecording(recorder);
        listener.onCellEnd(cell, RunStatus.STOPPED, "the run store failed, so the sweep stops (the cause follows)");
      }
    } finally {
      running.remove(recorder);
      recorder.close();
      if (recorder.leaseLost()) {
        waitForTakeover(cell);
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      listener.onCellTiming(cell, wall, training == 0 ? Double.NaN : wall - training / 1e9);
    }
    return true;
  }

  /**
   * A cell another process took over while this one was paused past its lease: waited for like any held
   * cell, so the sweep ends (exit 0) once the cell has its outcome there, not while it still runs.
   */
  private void waitForTakeover(Cell cell) {
    try {
      store.lease(cell.id()).ifPresent(holder -> held.hold(cell, holder, lease.heartbeat()));
    } catch (RuntimeException e) {
      // the store is in trouble: the sweep's next claim or summary says so
    }
  }

  /** Records a cell's own failure; returns the store failure when even that cannot be recorded. */
  private static Optional<DescentException> recordFailure(RunRecorder recorder, Throwable t) {
    try {
      recorder.failed(t);
      return Optional.empty();
    } catch (RuntimeException e) {
      Optional<DescentException> storeDown = StoreFailures.find(e);
      if (storeDown.isEmpty()) {
        throw e;
      }
      return storeDown;
    }
  }

  /** A cell the store failed under: {@code stopped} if the store still takes that write, else left for the next run. */
  private void stopRecording(RunRecorder recorder) {
    if (recorder.ended()) {
      return; // its end is recorded already
    }
    try {
      recorder.stopped();
    } catch (RuntimeException e) {
      leftRunning.incrementAndGet();
    }
  }

  /** Thrown into the other cells' training once the store failed, so they stop at the next batch. */
  private static final class StoreStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreStopped() {
      super("stopped: the run store failed", null, false, false);
    }
  }

  private void stopIfStoreFailed() {
    if (storeFailure.get() != null) {
      throw new StoreStopped();
    }
  }

  /**
   * Ctrl-C: this sweep's running cells are recorded as {@code stopped} with what they had; no new cell
   * starts, and cells other processes hold are left to them.
   */
  public void stopAll() {
    stopping = true;
    for (RunRecorder r : List.copyOf(running)) {
      try {
        r.stopped();
      } catch (RuntimeException e) {
        // the store is gone too: the cell stays 'running' and the next run reclaims it
      }
    }
  }

  private NewRun newRun(Sweep sweep, Cell cell, Path file, Backend backend) {
    Map<String, Object> provenance = Provenance.of(cell.experiment(), plugins, backend, file);
    if (!cell.notes().isEmpty()) {
      provenance.put("sweep_notes", cell.notes()); // what building the cell changed that the file did not say
    }
    return new NewRun(cell.id(), sweep.name(), sweep.id(), ResolvedConfig.of(cell.experiment()),
        FlatParams.of(cell.experiment()), provenance, new TreeSet<>(), clock.instant());
  }
}
