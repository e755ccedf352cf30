package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.data.DataException;
import dev.descent.core.data.DataSplits;
import dev.descent.core.data.Datasets;
import dev.descent.core.env.Backend;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.train.RunReport;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import dev.descent.core.train.TrainingResult;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

  @Spec
  CommandSpec spec;

  private final ExperimentParser parser;
  private final Trainer trainer;

  @Inject
  RunCommand(ExperimentParser parser, Trainer trainer) {
    this.parser = parser;
    this.trainer = trainer;
  }

  @Override
  public Integer call() {
    Experiment exp = parser.parse(file);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter progressOut = json ? spec.commandLine().getErr() : out;
    DataSplits data = load(exp);
    progressOut.printf("%s: %s, %d training / %d validation / %d test examples%n", exp.name(), data.name(),
        data.train().size(), data.validation().size(), data.test().size());
    progressOut.flush();
    TrainingResult result = trainer.train(exp, data, new ProgressPrinter(progressOut, System.console() != null && !json));
    Backend backend = Backend.current();
    if (json) {
      out.println(Json.write(RunReport.of(exp, data, result, backend)));
    } else {
      Summary.print(out, exp, result, backend);
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
