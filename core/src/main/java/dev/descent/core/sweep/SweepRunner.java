package dev.descent.core.sweep;

import dev.descent.core.data.Datasets;
import dev.descent.core.env.Backend;
import dev.descent.core.experiment.FlatParams;
import dev.descent.core.experiment.ResolvedConfig;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.provenance.Provenance;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's cells on a pool of workers, each cell exactly once per store: every cell is entered
 * in the store's ledger as {@code queued}, and a worker runs a cell only after claiming it, which
 * succeeds for a cell that is queued, failed, crashed or stopped and fails for one that finished,
 * diverged or is running in another process. A failure inside one cell is recorded with its stack
 * trace and the sweep goes on.
 */
public final class SweepRunner {
  private final Trainer trainer;
  private final RunStore store;
  private final Artifacts artifacts;
  private final PluginRegistry plugins;
  private final Clock clock;
  private final Set<RunRecorder> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /** @param artifacts where each cell's kept weights go; null to keep none */
  public SweepRunner(Trainer trainer, RunStore store, Artifacts artifacts, PluginRegistry plugins, Clock clock) {
    this.artifacts = artifacts;
    this.trainer = trainer;
    this.store = store;
    this.plugins = plugins;
    this.clock = clock;
  }

  /** Runs every cell that still needs running with {@code workers} threads; returns how many ran. */
  public int run(Sweep sweep, Path file, int workers, SweepListener listener) {
    Backend backend = Backend.current();
    store.recordSweep(new SweepInfo(sweep.id(), sweep.name(), sweep.objective().metric(), sweep.objective().mode(),
        sweep.axes(), clock.instant()));
    for (Cell cell : sweep.cells()) {
      store.enqueue(newRun(sweep, cell, file, backend));
    }
    List<String> ids = sweep.cells().stream().map(Cell::id).toList();
    int toRun = (int) store.summaries(ids).stream().filter(r -> r.status().rerunnable()).count();
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
        while (!stopping && (cell = queue.poll()) != null) {
          if (runCell(cell, listener)) {
            ran.incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    try {
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // wait; an interrupt (Ctrl-C) arrives through stopAll()
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ran.get();
  }

  private boolean runCell(Cell cell, SweepListener listener) {
    long t0 = System.nanoTime();
    if (!store.claim(cell.id(), clock.instant())) {
      listener.onCellSkipped(cell, store.get(cell.id()).map(r -> r.status().label()).orElse("missing"));
      return false;
    }
    listener.onCellStart(cell);
    RunRecorder recorder = RunRecorder.attach(store, cell.id(), clock);
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

  /** Ctrl-C: running cells are recorded as {@code stopped} with what they had; no new cell starts. */
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
