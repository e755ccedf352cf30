package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.tuning.PrunerSpec;
import dev.descent.core.tuning.Replay;
import dev.descent.core.tuning.ReplayTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent sweeps replay}: what a search strategy would have cost on a finished grid sweep, read from
 * its recorded curves without training (see {@link Replay}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a search strategy on a finished grid sweep as a tabular benchmark: the best found and the"
        + " epochs spent, median and quartiles over repeats.")
final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SWEEP_ID")
  String id;

  @Option(names = "--method", description = "random, tpe or grid (the sweep's order); default ${DEFAULT-VALUE}",
      defaultValue = "tpe")
  String method;

  @Option(names = "--pruner", description = "asha, median or none; default ${DEFAULT-VALUE}", defaultValue = "asha")
  String pruner;

  @Option(names = "--min-epochs", description = "asha: the first rung; default ${DEFAULT-VALUE}", defaultValue = "1")
  int minEpochs;

  @Option(names = "--reduction-factor", description = "asha: eta; default ${DEFAULT-VALUE}", defaultValue = "3")
  int eta;

  @Option(names = "--startup-trials", description = "median: default ${DEFAULT-VALUE}", defaultValue = "5")
  int startup;

  @Option(names = "--warmup-epochs", description = "median: default ${DEFAULT-VALUE}", defaultValue = "0")
  int warmup;

  @Option(names = "--trials", description = "trials per repeat; default: as many as the sweep has configurations")
  Integer trials;

  @Option(names = "--repeats", description = "repeats, sampler seeds 0, 1, ...; default ${DEFAULT-VALUE}",
      defaultValue = "30")
  int repeats;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--export", paramLabel = "FILE", description = "also write the table (params, per-epoch objective) as JSON")
  Path export;

  @Option(names = "--partial", description = "replay the cells that ended so far of a sweep still running")
  boolean partial;

  @Mixin
  StoreOptions storeOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!List.of("random", "tpe", "grid").contains(method)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--method: was '" + method + "', must be random, tpe or grid");
    }
    if (!List.of("asha", "median", "none").contains(pruner)) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--pruner: was '" + pruner + "', must be asha, median or none");
    }
    if (repeats < 1 || trials != null && trials < 1 || eta < 2 || minEpochs < 1 || startup < 0 || warmup < 0) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--repeats, --trials, --min-epochs must be >= 1,"
          + " --reduction-factor >= 2, --startup-trials and --warmup-epochs >= 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Workspace ws = storeOptions.open()) {
      ReplayTable table = ReplayTable.of(ws.store(), id, partial);
      if (export != null) {
        write(export, Json.write(table.toMap()));
      }
      PrunerSpec p = new PrunerSpec(pruner, minEpochs, eta, startup, warmup);
      Replay replay = new Replay(table);
      int n = trials == null ? table.configs().size() : trials;
      Map<String, Object> report = replay.report(method, p, replay.run(method, p, n, repeats));
      if (json) {
        out.println(Json.write(report));
      } else {
        print(out, table, report);
      }
    }
    out.flush();
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static void print(PrintWriter out, ReplayTable table, Map<String, Object> r) {
    out.printf("sweep %s: %d configurations, %d epochs in all, best %s %.4f%n", table.sweepId(), table.configs().size(),
        table.fullEpochs(), table.metric(), table.best());
    out.printf("%s + %s, %d trials, %d repeats (median, q1 .. q3):%n", r.get("method"), r.get("pruner"), r.get("trials"),
        r.get("repeats"));
    Map<String, Double> best = (Map<String, Double>) r.get("best");
    Map<String, Double> epochs = (Map<String, Double>) r.get("epochs");
    Map<String, Double> share = (Map<String, Double>) r.get("epochs_fraction");
    Map<String, Double> pruned = (Map<String, Double>) r.get("pruned");
    out.printf("  best found     %.4f  (%.4f .. %.4f)  grid best %.4f%n", best.get("median"), best.get("q1"),
        best.get("q3"), table.best());
    out.printf("  epochs spent   %.0f  (%.0f .. %.0f)  = %.1f%% of the grid's (%.1f%% .. %.1f%%)%n", epochs.get("median"),
        epochs.get("q1"), epochs.get("q3"), 100 * share.get("median"), 100 * share.get("q1"), 100 * share.get("q3"));
    out.printf("  trials pruned  %.0f  (%.0f .. %.0f)%n", pruned.get("median"), pruned.get("q1"), pruned.get("q3"));
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text + "\n");
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--export: cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
