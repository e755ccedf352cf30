package dev.descent.cli;

import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepParser;
import dev.descent.core.sweep.SweepPreflight;
import dev.descent.core.sweep.SweepRunner;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.Trainer;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent sweeps submit FILE}: enters a sweep into a store without working on it, so that the machine that
 * submits (a laptop, a CI job) need not train, and {@code descent worker}s on the shared store take its cells.
 * The file is checked exactly as {@code descent run} checks it; submitting the same file again queues nothing
 * twice.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Enter the sweep in FILE into the store without running it; descent worker processes on the "
        + "store run its cells. Submitting the same file again adds nothing.")
final class SweepSubmitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "the sweep file (YAML)")
  Path file;

  @Mixin
  StoreOptions storeOptions;

  @Spec
  CommandSpec spec;

  private final Trainer trainer;
  private final PluginRegistry plugins;

  @Inject
  SweepSubmitCommand(Trainer trainer, PluginRegistry plugins) {
    this.trainer = trainer;
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    Sweep sweep = new SweepParser(plugins).parse(file);
    SweepPreflight.check(sweep, file.toString(), 1);
    PrintWriter out = spec.commandLine().getOut();
    try (Workspace ws = storeOptions.openOrCreate()) {
      int queued = new SweepRunner(trainer, ws.store(), ws.artifacts(), plugins, Clock.systemUTC()).enter(sweep, file);
      ws.sync();
      int cells = sweep.plan().cells(sweep);
      String more = cells > sweep.cells().size()
          ? " (the first " + sweep.cells().size() + " of " + cells + "; workers propose the rest)" : "";
      out.printf("sweep %s (%s): %d cells queued, %d already in the store%s%n", sweep.id(), sweep.name(), queued,
          sweep.cells().size() - queued, more);
      out.printf("run its cells on any machine that reaches the store:%n  descent worker --store %s --sweep %s%n",
          ws.location(), sweep.id());
    }
    out.flush();
    return 0;
  }
}
