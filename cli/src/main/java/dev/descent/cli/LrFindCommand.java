package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.data.DataException;
import dev.descent.core.data.DataSplits;
import dev.descent.core.data.Datasets;
import dev.descent.core.env.Backend;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.FlatParams;
import dev.descent.core.experiment.ResolvedConfig;
import dev.descent.core.lrfind.LrFindRecord;
import dev.descent.core.lrfind.LrFindResult;
import dev.descent.core.lrfind.LrFinder;
import dev.descent.core.lrfind.LrRange;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.provenance.Provenance;
import dev.descent.core.store.NewRun;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepParser;
import dev.descent.core.tracking.RunIds;
import dev.descent.core.tracking.RunRecorder;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.TrainingResult;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code descent lr-find FILE}: the learning-rate range test on an experiment's model, optimizer and data. */
@Command(name = "lr-find", mixinStandardHelpOptions = true,
    description = {"The learning-rate range test (Smith 2017, fastai's lr_find): one pass of at most one epoch with"
        + " the learning rate raised exponentially from 1e-7 to 10, the loss smoothed, stopped when it passes 4x its"
        + " minimum. Suggests the rate where the smoothed loss falls fastest, draws the curve and keeps it as a run"
        + " tagged lr-find, whose page plots loss against learning rate."})
public final class LrFindCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "an experiment file (YAML) without a grid")
  Path file;

  @Option(names = "--steps", description = "steps at most, each one batch (default: ${DEFAULT-VALUE}; never more"
      + " than one epoch)")
  int steps = LrRange.DEFAULT_STEPS;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Option(names = "--tag", description = "another tag for the run (repeatable)")
  List<String> tags = new java.util.ArrayList<>();

  @Mixin
  StoreOptions storeOptions;

  @Spec
  CommandSpec spec;

  private final PluginRegistry plugins;

  @Inject
  LrFindCommand(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    if (steps < 10 || steps > 100_000) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--steps: was " + steps + ", must be 10 to 100000");
    }
    Sweep sweep = new SweepParser(plugins).parse(file);
    if (sweep.cells().size() != 1) {
      throw new DescentException(ErrorCode.INVALID_INPUT, file + ": has " + sweep.cells().size() + " cells (a grid or"
          + " seeds); lr-find tests one configuration: remove grid: and seeds:, or copy the one you want");
    }
    Experiment exp = sweep.cells().get(0).experiment();
    DataSplits data;
    try {
      data = Datasets.load(exp.dataset());
    } catch (DataException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, file + ": dataset: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    Backend backend = Backend.current();
    TreeSet<String> runTags = new TreeSet<>(tags);
    runTags.add(LrFindRecord.TAG);
    try (Workspace ws = storeOptions.openOrCreate()) {
      NewRun run = new NewRun(RunIds.random(), exp.name(), null, ResolvedConfig.of(exp), FlatParams.of(exp),
          Provenance.of(exp, plugins, backend, file), runTags, Instant.now());
      LrFindResult r;
      try (RunRecorder recorder = RunRecorder.start(ws.store(), run, Clock.systemUTC())) {
        try {
          r = new LrFinder(plugins).run(exp, data.train(), steps, p -> { });
          ws.store().logMetrics(run.id(), LrFindRecord.metrics(r), Instant.now());
          ws.store().setNote(run.id(), LrFindRecord.note(r));
          recorder.finished(new TrainingResult(RunStatus.FINISHED, List.of(), 0, null, null, false, r.seconds(),
              r.points().size() * exp.training().batchSize() / Math.max(1e-9, r.seconds()), 0, null));
        } catch (RuntimeException e) {
          recorder.failed(e);
          throw e;
        } finally {
          ws.sync();
        }
      }
      if (json) {
        out.println(Json.write(toMap(run.id(), r)));
      } else {
        out.printf("%s: lr-find with %s, batch %d, %d steps over %s%n%n", exp.name(), exp.training().optimizer().name(),
            exp.training().batchSize(), r.points().size(), data.name());
        LrFindPlot.draw(out, r);
        out.println();
        out.println(r.suggestion() == null ? "no suggestion: the loss diverged after " + r.points().size() + " steps"
            : "suggested learning rate " + LrFindRecord.rounded(r.suggestion().lr()) + " (" + r.suggestion().rule()
                + ")");
        if (r.stopped() != null) {
          out.println("stopped: " + r.stopped());
        }
        out.println("run id " + run.id() + " in " + ws.location() + " (its page draws the curve)");
      }
    }
    out.flush();
    return 0;
  }

  private static Map<String, Object> toMap(String id, LrFindResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("suggested_lr", r.suggestion() == null ? null : r.suggestion().lr());
    m.put("rule", dev.descent.core.lrfind.LrSuggestion.RULE);
    m.put("stopped", r.stopped());
    m.put("steps", r.points().size());
    m.put("points", r.points().stream().map(p -> List.of(p.lr(), p.loss(), p.smoothed())).toList());
    return m;
  }
}
