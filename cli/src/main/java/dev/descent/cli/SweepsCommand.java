package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.search.SearchPage;
import dev.descent.core.store.Run;
import dev.descent.core.store.SweepCounts;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.tracking.RunViews;
import dev.descent.core.tracking.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code descent sweeps}: the sweeps in a store with their cells counted by status. */
@Command(name = "sweeps", mixinStandardHelpOptions = true,
    description = "List sweeps and their cells, submit one for workers, analyze or replay one.",
    subcommands = {SweepsCommand.ListSweeps.class, SweepsCommand.Show.class, SweepSubmitCommand.class,
        SweepAnalyzeCommand.class,
        ReplayCommand.class})
public final class SweepsCommand {

  private static String counts(SweepCounts s) {
    StringBuilder sb = new StringBuilder();
    s.counts().forEach((st, n) -> sb.append(st.label()).append(' ').append(n).append("  "));
    return sb.toString().trim();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every sweep, newest first.")
  static final class ListSweeps implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Workspace ws = storeOptions.open()) {
        List<SweepCounts> sweeps = ws.store().sweeps();
        if (json) {
          out.println(Json.write(sweeps.stream().map(s -> RunViews.sweep(s, null)).toList()));
        } else {
          out.printf("%-16s  %-24s  %5s  %-20s  %s%n", "sweep", "experiment", "cells", "started", "by status");
          for (SweepCounts s : sweeps) {
            out.printf("%-16s  %-24s  %5d  %-20s  %s%n", s.sweepId(), s.experiment(), s.total(),
                s.started() == null ? "" : s.started().toString().replaceAll("\\.\\d+Z$", "Z"), counts(s));
          }
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One sweep: cells by status and its best runs by its objective.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Workspace ws = storeOptions.open()) {
        SweepCounts s = ws.store().sweeps().stream().filter(x -> x.sweepId().equals(id)).findFirst()
            .orElseThrow(() -> new DescentException(ErrorCode.NOT_FOUND, "No sweep '" + id + "' in " + ws.location()
                + "; descent sweeps list shows them"));
        SweepInfo info = ws.store().sweepInfo(id).orElse(null);
        SearchPage best = ws.search().search("sweep:" + id, RunViews.bestFirst(info), 0, 10);
        List<Run> runs = ws.store().summaries(best.ids());
        if (json) {
          Map<String, Object> m = RunViews.sweep(s, info);
          m.put("best", runs.stream().map(RunViews::summary).toList());
          out.println(Json.write(m));
        } else {
          out.printf("sweep %s (%s): %d cells: %s%n%nbest by %s:%n", s.sweepId(), s.experiment(), s.total(),
              counts(s), info == null ? "val_accuracy" : info.objectiveMetric() + " (" + info.objectiveMode() + ")");
          RunTable.print(out, runs, best.total());
        }
      }
      out.flush();
      return 0;
    }
  }
}
