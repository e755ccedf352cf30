package dev.descent.cli;

import dev.descent.core.Json;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.store.LeaseOwner;
import dev.descent.core.store.LeaseSettings;
import dev.descent.core.sweep.DryRunTable;
import dev.descent.core.sweep.Eta;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepReport;
import dev.descent.core.sweep.SweepRunner;
import dev.descent.core.sweep.SweepSummary;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalDouble;

/** {@code descent run FILE} for a file with {@code grid:} or {@code seeds:}: the sweep, then its summary. */
final class SweepExecution {
  private final Trainer trainer;
  private final PluginRegistry plugins;

  SweepExecution(Trainer trainer, PluginRegistry plugins) {
    this.trainer = trainer;
    this.plugins = plugins;
  }

  int run(Sweep sweep, Path file, Workspace ws, int workers, LeaseSettings lease, boolean json, PrintWriter out,
      PrintWriter progress) {
    SweepRunner runner = new SweepRunner(trainer, ws.store(), ws.artifacts(), plugins, Clock.systemUTC(), lease,
        LeaseOwner.self());
    Thread onInterrupt = new Thread(() -> {
      runner.stopAll();
      progress.println("interrupted: running cells recorded as stopped (cells other processes hold are left to them);"
          + " run the same command again to resume");
      progress.flush();
    }, "descent-sweep-stop");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    SweepProgress display = new SweepProgress(progress, System.console() != null && !json);
    long t0 = System.nanoTime();
    boolean threw = true;
    try {
      int ran = runner.run(sweep, file, workers, display);
      threw = false;
      if (ran > 0) {
        progress.printf("ran %d cells in %.1f s with %d worker%s; mean overhead per cell (claim, setup, store writes): %.1f ms%n",
            ran, (System.nanoTime() - t0) / 1e9, workers, workers == 1 ? "" : "s", display.meanOverheadMillis());
        progress.flush();
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException e) {
        return 130; // Ctrl-C: the hook recorded the stop and the JVM is exiting; run() returned early
      }
      syncUnlessStopped(ws, threw);
    }
    SweepSummary summary = SweepSummary.of(sweep, ws.store());
    if (json) {
      out.println(Json.write(AnalysisPrinter.withAnalysis(SweepReport.toMap(summary), summary)));
    } else {
      SweepReport.print(out, summary);
      AnalysisPrinter.printSection(out, summary);
    }
    out.flush();
    return SweepReport.allDone(summary) ? 0 : 1;
  }

  /** Catches the index up; after a sweep that stopped on a store failure, a failing catch-up must not hide that cause. */
  private static void syncUnlessStopped(Workspace ws, boolean threw) {
    try {
      ws.sync();
    } catch (RuntimeException e) {
      if (!threw) {
        throw e;
      } // the next command catches the index up
    }
  }

  /**
   * The cells as a table, their count (once: the table ends with it) and notes, and an ETA from similar finished
   * runs in the store ({@code ws}: null when none yet).
   */
  static void dryRun(Sweep sweep, Workspace ws, int workers, PrintWriter out) {
    out.print(DryRunTable.format(sweep));
    OptionalDouble perCell = ws == null ? OptionalDouble.empty() : averageSeconds(sweep, ws);
    if (perCell.isPresent()) {
      out.println("ETA " + new Eta(sweep.cells().size(), perCell.getAsDouble(), workers).format()
          + ", from finished runs of '" + sweep.name() + "' in the store");
    } else {
      out.println("ETA unknown: no finished runs of '" + sweep.name() + "' in the store yet to time it from");
    }
    out.flush();
  }

  private static OptionalDouble averageSeconds(Sweep sweep, Workspace ws) {
    var page = ws.search().search("experiment:\"" + sweep.name() + "\" AND status:finished", null, 0, 200);
    return page.ids().stream().map(id -> ws.store().get(id)).flatMap(java.util.Optional::stream)
        .filter(r -> r.endTime() != null && r.startTime() != null)
        .mapToDouble(r -> (r.endTime().toEpochMilli() - r.startTime().toEpochMilli()) / 1000.0).average();
  }
}
