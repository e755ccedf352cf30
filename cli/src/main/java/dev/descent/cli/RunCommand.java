package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.data.DataException;
import dev.descent.core.data.DataSplits;
import dev.descent.core.data.Datasets;
import dev.descent.core.data.Parallel;
import dev.descent.core.env.Backend;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepParser;
import dev.descent.core.sweep.SweepPreflight;
import dev.descent.core.train.RunReport;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import dev.descent.core.train.TrainingResult;
import dev.descent.core.experiment.FlatParams;
import dev.descent.core.experiment.ResolvedConfig;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.provenance.Provenance;
import dev.descent.core.store.LeaseSettings;
import dev.descent.core.store.NewRun;
import dev.descent.core.tracking.RunIds;
import dev.descent.core.tracking.RunRecorder;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.CompositeListener;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code descent run FILE}: trains one experiment, shows progress and prints the result. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Train the experiment in FILE and print its result. Exit code 0 when it finished, "
        + "1 when it diverged or failed, 2 when the file is invalid.")
public final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "the experiment file (YAML)")
  Path file;

  @Option(names = "--json", description = "print the result as JSON on stdout (progress goes to stderr)")
  boolean json;

  @Option(names = "--workers", description = "sweeps: cells trained at once (default: one per core)")
  Integer workers;

  @Option(names = "--dry-run", description = "sweeps: print the cells, their count and an ETA, run nothing")
  boolean dryRun;

  @Option(names = "--resume", description = "sweeps: run the cells that are missing, failed, crashed or stopped "
      + "(what running the same file into the same store always does)")
  boolean resume;

  @Mixin
  LeaseOptions leaseOptions;

  @Option(names = "--tag", description = "tag the run (repeatable)")
  java.util.List<String> tags = new java.util.ArrayList<>();

  @Mixin
  StoreOptions storeOptions;

  @Spec
  CommandSpec spec;

  private final Trainer trainer;
  private final PluginRegistry plugins;

  @Inject
  RunCommand(Trainer trainer, PluginRegistry plugins) {
    this.trainer = trainer;
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    Sweep sweep = new SweepParser(plugins).parse(file);
    SweepPreflight.check(sweep, file.toString(), workers == null ? Runtime.getRuntime().availableProcessors() : workers);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter progressOut = json ? spec.commandLine().getErr() : out;
    boolean single = sweep.axes().isEmpty() && sweep.cells().size() == 1;
    if (!single || dryRun) {
      int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
      if (n < 1) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "--workers: was " + n + ", must be >= 1");
      }
      if (dryRun) {
        try (Workspace ws = storeOptions.openIfPresent()) {
          SweepExecution.dryRun(sweep, ws, n, out);
          return 0;
        }
      }
      try (Workspace ws = storeOptions.openOrCreate()) {
        load(sweep.cells().get(0).experiment());
        LeaseSettings leaseSettings = leaseOptions.settings();
        return new SweepExecution(trainer, plugins).run(sweep, file, ws, n, leaseSettings, json, out, progressOut);
      }
    }
    return runSingle(sweep.cells().get(0).experiment(), out, progressOut);
  }

  private int runSingle(Experiment exp, PrintWriter out, PrintWriter progressOut) {
    // The provenance (digests of the plugin jars and the dataset files, the git commit, the backend, whose
    // native load NativeWarmup started) is gathered and the store opened while the data loads: each was a
    // good part of the time before a run's first batch. Nothing is stored before all three end.
    CompletableFuture<Backend> backendLoad = Parallel.start(Backend::current);
    CompletableFuture<Map<String, Object>> provenance =
        backendLoad.thenApply(backend -> Provenance.of(exp, plugins, backend, file));
    CompletableFuture<Workspace> opening = Parallel.start(storeOptions::openOrCreate);
    DataSplits data;
    try {
      data = load(exp);
    } catch (RuntimeException e) {
      opening.thenAccept(Workspace::close);
      throw e;
    }
    Backend backend = Parallel.join(backendLoad);
    progressOut.printf("%s: %s, %d training / %d validation / %d test examples%n", exp.name(), data.name(),
        data.train().size(), data.validation().size(), data.test().size());
    progressOut.flush();
    TrainingResult result;
    try (Workspace ws = Parallel.join(opening)) {
      NewRun run = new NewRun(RunIds.random(), exp.name(), null, ResolvedConfig.of(exp), FlatParams.of(exp),
          Parallel.join(provenance), new TreeSet<>(tags), Instant.now());
      try (RunRecorder recorder = RunRecorder.start(ws.store(), run, Clock.systemUTC())) {
        progressOut.printf("run %s recorded in %s%n", run.id(), ws.location());
        progressOut.flush();
        Thread onInterrupt = new Thread(recorder::stopped, "descent-stop-" + run.id());
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
          result = trainer.train(exp, data, CompositeListener.of(
              new ProgressPrinter(progressOut, System.console() != null && !json), recorder));
          recorder.finished(result, ws.artifacts());
        } catch (RuntimeException e) {
          recorder.failed(e);
          throw e;
        } finally {
          Runtime.getRuntime().removeShutdownHook(onInterrupt);
          ws.sync();
        }
        out.flush();
        if (json) {
          Map<String, Object> report = new java.util.LinkedHashMap<>(Map.of("id", run.id()));
          report.putAll(RunReport.of(exp, data, result, backend));
          out.println(Json.write(report));
        } else {
          Summary.print(out, exp, result, backend);
          out.println("  run id " + run.id() + " in " + ws.location());
        }
      }
    }
    out.flush();
    return result.status() == RunStatus.FINISHED ? 0 : 1;
  }

  private DataSplits load(Experiment exp) {
    try {
      return Datasets.load(exp.dataset());
    } catch (DataException e) {
      throw new DescentException(ErrorCode.INVALID_INPUT, file + ": dataset: " + e.getMessage(), e);
    }
  }
}
