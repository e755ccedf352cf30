package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.stats.AnalysisReport;
import dev.descent.core.stats.SweepAnalysis;
import dev.descent.core.store.Run;
import dev.descent.core.store.SweepInfo;
import dev.descent.core.sweep.Objective;
import dev.descent.core.tracking.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code descent sweeps analyze ID}: which grid axis matters, and whether the best configuration is really best. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {"Which grid axis matters (factorial ANOVA: main effects and two-way interactions, Type II sums"
        + " of squares) and whether the best configuration beats the next ones (Welch's t-test over seeds, a"
        + " bootstrap 95% interval, the seeds that would settle it). A random or TPE search, which is no full"
        + " factorial, gets PED-ANOVA importance instead of the ANOVA."})
final class SweepAnalyzeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "a sweep id, as `descent sweeps list` shows")
  String id;

  @Mixin
  StoreOptions storeOptions;

  @Option(names = "--json", description = "print JSON: objective, anova rows (or importance for a search), comparisons, lines")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Workspace ws = storeOptions.open()) {
      SweepInfo info = ws.store().sweepInfo(id).orElseThrow(() -> new DescentException(ErrorCode.NOT_FOUND,
          "No sweep '" + id + "' in " + ws.location() + "; `descent sweeps list` shows them"));
      List<Run> runs = ws.store().summaries(ws.store().cellIds(id));
      SweepAnalysis a = SweepAnalysis.of(new Objective(info.objectiveMetric(), info.objectiveMode()), info.axes(),
          runs);
      if (json) {
        out.println(Json.write(AnalysisReport.toMap(a)));
      } else {
        out.printf("sweep %s (%s): %d runs over %s, by %s (%s)%n%n", id, info.name(), runs.size(),
            info.axes().isEmpty() ? "no grid" : String.join(" × ", info.axes()), info.objectiveMetric(),
            info.objectiveMode());
        AnalysisPrinter.print(out, a);
      }
    }
    out.flush();
    return 0;
  }
}
