package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.search.SearchPage;
import dev.descent.core.store.Run;
import dev.descent.core.store.SweepCounts;
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
@Command(name = "sweeps", mixinStandardHelpOptions = true, description = "List sweeps and their cells.",
    subcommands = {SweepsCommand.ListSweeps.class, SweepsCommand.Show.class})
public final class SweepsCommand {

  static Map<String, Object> asMap(SweepCounts s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.sweepId());
    m.put("experiment", s.experiment());
    m.put("cells", s.total());
    Map<String, Integer> counts = new LinkedHashMap<>();
    s.counts().forEach((st, n) -> counts.put(st.label(), n));
    m.put("counts", counts);
    m.put("started", s.started() == null ? null : s.started().toString());
    m.put("last_ended", s.lastEnded() == null ? null : s.lastEnded().toString());
    return m;
  }

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
          out.println(Json.write(sweeps.stream().map(SweepsCommand::asMap).toList()));
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
      description = "One sweep: cells by status and its best runs by val_accuracy.")
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
        SearchPage best = ws.search().search("sweep:" + id, "val_accuracy.max:desc", 0, 10);
        List<Run> runs = ws.store().summaries(best.ids());
        if (json) {
          Map<String, Object> m = asMap(s);
          m.put("best", runs.stream().map(RunViews::summary).toList());
          out.println(Json.write(m));
        } else {
          out.printf("sweep %s (%s): %d cells: %s%n%nbest by val_accuracy:%n", s.sweepId(), s.experiment(), s.total(),
              counts(s));
          RunTable.print(out, runs, best.total());
        }
      }
      out.flush();
      return 0;
    }
  }
}
