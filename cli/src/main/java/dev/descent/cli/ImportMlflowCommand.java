package dev.descent.cli;

import dev.descent.core.tracking.MlflowImport;
import dev.descent.core.tracking.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent runs import-mlflow DIR}: brings an MLflow file store's experiments and runs (params, tags, every
 * metric point) into the run store, where they are searched and charted like descent's own. Runs keep their
 * MLflow ids, so running it again imports only what is new.
 */
@Command(name = "import-mlflow", mixinStandardHelpOptions = true,
    description = "Import an MLflow file store (an mlruns/ directory): experiments, runs, params, tags, metrics.")
final class ImportMlflowCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "the mlruns/ directory MLflow wrote")
  Path dir;

  @Mixin
  StoreOptions storeOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try (Workspace ws = storeOptions.openOrCreate()) {
      MlflowImport.Result r = new MlflowImport(ws.store(), Clock.systemUTC()).run(dir);
      ws.sync();
      spec.commandLine().getOut().printf(Locale.ROOT, "Imported %d runs (%,d metric points) from %d experiments in %s"
          + "%s%n", r.runs(), r.points(), r.experiments(), dir, r.skipped() == 0 ? ""
          : "; skipped " + r.skipped() + " runs already in the store");
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
