package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.store.LeaseOwner;
import dev.descent.core.store.LeaseSettings;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.StoredSweeps;
import dev.descent.core.sweep.SweepRunner;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.Trainer;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code descent worker}: joins unfinished sweeps in a (shared) store and runs their cells, reading
 * each cell's configuration from the store, so any number of machines can work on one sweep with
 * nothing but the store's address. Cells are claimed as leases exactly as {@code descent run} claims
 * them. SIGTERM (what Slurm and Kubernetes send before killing a job) stops it cleanly: nothing more is
 * claimed, running cells are recorded {@code stopped} with their committed epochs, and it exits 0.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Run the cells of unfinished sweeps in the store, no experiment file needed; start one per"
        + " machine (or several). Exit code 0 when there is nothing left to do or on SIGTERM.")
public final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--sweep", paramLabel = "ID", description = "work on this sweep only (default: any unfinished one)")
  String sweepId;

  @Option(names = "--workers", description = "cells trained at once (default: one per core)")
  Integer workers;

  @Option(names = "--max-cells", paramLabel = "N", description = "start at most N cells, then exit")
  Integer maxCells;

  @Option(names = "--idle-exit", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "with nothing to do, wait this long for new work before exiting, e.g. 60s (default: exit at once)")
  Duration idleExit;

  @Mixin
  LeaseOptions leaseOptions;

  @Mixin
  StoreOptions storeOptions;

  @Spec
  CommandSpec spec;

  private final Trainer trainer;
  private final PluginRegistry plugins;
  private volatile boolean terminated;
  private volatile SweepRunner current;

  @Inject
  WorkerCommand(Trainer trainer, PluginRegistry plugins) {
    this.trainer = trainer;
    this.plugins = plugins;
  }

  @Override
  public Integer call() throws InterruptedException {
    int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    if (n < 1 || (maxCells != null && maxCells < 1)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, (n < 1 ? "--workers: was " + n : "--max-cells: was " + maxCells)
          + ", must be >= 1");
    }
    LeaseSettings leaseSettings = leaseOptions.settings();
    PrintWriter out = spec.commandLine().getOut();
    // SIGTERM (and Ctrl-C): record, then exit 0 rather than the JVM's 143, as schedulers expect of a job
    // they stop; the hook is removed again before a normal return so it never overrides another exit code
    Thread onTerm = new Thread(() -> {
      terminate();
      out.printf("worker %s: stopped by SIGTERM; running cells recorded as stopped%n", LeaseOwner.self().describe());
      out.flush();
      Runtime.getRuntime().halt(0);
    }, "descent-worker-stop");
    Runtime.getRuntime().addShutdownHook(onTerm);
    try {
      return work(n, leaseSettings, out);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onTerm);
      } catch (IllegalStateException e) {
        // shutting down already: the hook is running
      }
    }
  }

  private int work(int n, LeaseSettings leaseSettings, PrintWriter out) throws InterruptedException {
    int left = maxCells == null ? Integer.MAX_VALUE : maxCells;
    int ran = 0;
    try (Workspace ws = storeOptions.openOrCreate()) {
      out.printf("worker %s on %s: %d worker thread%s%n", LeaseOwner.self().describe(), ws.location(), n,
          n == 1 ? "" : "s");
      out.flush();
      long idleSince = System.nanoTime();
      ExperimentParser parser = new ExperimentParser(plugins);
      if (sweepId != null && ws.store().sweepInfo(sweepId).isEmpty()) {
        throw new DescentException(ErrorCode.NOT_FOUND, "--sweep: run store " + ws.location() + " has no sweep '"
            + sweepId + "'. `descent sweeps` lists the sweeps it has.");
      }
      // each sweep once per worker: run() returns when every cell has an outcome or was tried here, so a
      // sweep still unfinished afterwards holds only cells that failed here, which are not retried forever
      Set<String> worked = new HashSet<>();
      while (!terminated && left > 0) {
        List<String> todo = StoredSweeps.unfinished(ws.store()).stream()
            .filter(id -> (sweepId == null || sweepId.equals(id)) && !worked.contains(id)).toList();
        Sweep sweep = todo.isEmpty() ? null : StoredSweeps.load(ws.store(), todo.get(0), parser, plugins,
            (cell, why) -> out.printf("skip     %s: %s%n", cell, why));
        if (sweep != null) {
          worked.add(sweep.id());
        }
        int got = sweep == null ? 0 : runSweep(sweep, ws, n, leaseSettings, left, out);
        ran += got;
        left -= got;
        if (got > 0) {
          idleSince = System.nanoTime();
        } else if (idleExit == null || System.nanoTime() - idleSince >= idleExit.toNanos()) {
          break;
        } else {
          Thread.sleep(Math.min(1000, leaseSettings.heartbeat().toMillis()));
        }
      }
      ws.sync();
    }
    out.printf("worker %s: ran %d cell%s; %s%n", LeaseOwner.self().describe(), ran, ran == 1 ? "" : "s",
        left == 0 ? "--max-cells reached" : "nothing left to do");
    out.flush();
    return 0;
  }

  private int runSweep(Sweep sweep, Workspace ws, int n, LeaseSettings leaseSettings, int left, PrintWriter out) {
    SweepRunner runner = new SweepRunner(trainer, ws.store(), ws.artifacts(), plugins, Clock.systemUTC(),
        leaseSettings, LeaseOwner.self()).limitCells(left);
    current = runner;
    if (terminated) {
      return 0;
    }
    SweepProgress display = new SweepProgress(out, System.console() != null);
    return runner.run(sweep, null, n, display);
  }

  /** Claims nothing more and records this worker's running cells as stopped; cells others hold are left alone. */
  private void terminate() {
    terminated = true;
    SweepRunner r = current;
    if (r != null) {
      r.stopAll();
    }
  }
}
