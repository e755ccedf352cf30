package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.optbench.BenchProblem;
import dev.descent.core.optbench.BenchProblems;
import dev.descent.core.optbench.BenchResult;
import dev.descent.core.optbench.BenchSpec;
import dev.descent.core.optbench.NoisyQuadratic;
import dev.descent.core.optbench.OptimizerBench;
import dev.descent.core.optbench.ReportWriter;
import dev.descent.core.plugin.LoadedPlugins;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.Trainer;
import dev.descent.spi.PluginKind;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code descent bench-optimizer NAME|JAR}: a fair, DeepOBS-style comparison of an optimizer with others. */
@Command(name = "bench-optimizer", mixinStandardHelpOptions = true,
    description = {"Compare an optimizer fairly with others (after DeepOBS) on a fixed suite: a noisy quadratic,"
        + " the moons MLP, Fashion-MNIST logistic regression and MLP. Each optimizer's learning rate alone is tuned on"
        + " the same log grid (--budget rates), the best rerun with --seeds seeds; writes report.md and report.html"
        + " (test metric mean ± 95% CI, epochs to a target, significance lines, performance profiles) into --out, and"
        + " every run into the store as sweeps. Exit code 0 when done, 1 when it failed, 2 on bad input."})
public final class BenchOptimizerCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME|JAR", description = "a loaded optimizer's name (lion with --plugins DIR) or the"
      + " path of a plugin jar providing one optimizer")
  String optimizer;

  @Option(names = "--against", split = ",", paramLabel = "OPT,...",
      description = "optimizers to compare with (default: sgd,adam, less the one under test)")
  List<String> against;

  @Option(names = "--budget", paramLabel = "N", description = "learning rates tried per optimizer and problem, the"
      + " same for every optimizer (default: ${DEFAULT-VALUE})")
  int budget = BenchSpec.DEFAULT_BUDGET;

  @Option(names = "--seeds", paramLabel = "N", description = "seeds the best rate is rerun with (default: ${DEFAULT-VALUE})")
  int seeds = BenchSpec.DEFAULT_SEEDS;

  @Option(names = "--lr-range", split = ",", paramLabel = "MIN,MAX",
      description = "the learning-rate grid's ends (default: 1e-5,1)")
  List<Double> lrRange = new ArrayList<>(List.of(BenchSpec.DEFAULT_LR_MIN, BenchSpec.DEFAULT_LR_MAX));

  @Option(names = "--problems", split = ",", paramLabel = "P,...",
      description = "run only these problems: quadratic, moons-mlp, fmnist-logreg, fmnist-mlp (default: all)")
  List<String> problems = new ArrayList<>();

  @Option(names = "--fashion-mnist", paramLabel = "DIR", description = "the directory holding Fashion-MNIST's IDX"
      + " files (default: ${DEFAULT-VALUE}, where Debian's dataset-fashion-mnist puts them)")
  Path fashionDir = Path.of("/usr/share/datasets/fashion-mnist");

  @Option(names = "--out", paramLabel = "DIR", description = "results directory (default: bench-results/NAME)")
  Path outDir;

  @Option(names = "--workers", paramLabel = "N", description = "runs trained at once (default: one per core)")
  Integer workers;

  @Mixin
  StoreOptions storeOptions;

  @Spec
  CommandSpec spec;

  private final Trainer trainer;
  private final PluginRegistry plugins;
  private final LoadedPlugins loaded;

  @Inject
  BenchOptimizerCommand(Trainer trainer, PluginRegistry plugins, LoadedPlugins loaded) {
    this.trainer = trainer;
    this.plugins = plugins;
    this.loaded = loaded;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BenchCandidate candidate = BenchCandidate.resolve(optimizer, plugins, loaded);
    if (lrRange.size() != 2) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--lr-range: was " + lrRange + ", must be two rates"
          + " MIN,MAX such as 1e-5,1");
    }
    List<String> others = against != null ? against
        : List.of("sgd", "adam").stream().filter(o -> !o.equals(candidate.name())).toList();
    BenchSpec bench = new BenchSpec(candidate.name(), others, budget, seeds, lrRange.get(0), lrRange.get(1), problems);
    bench.validate(new java.util.TreeSet<>(candidate.registry().names(PluginKind.OPTIMIZER)));
    int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    if (n < 1) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--workers: was " + n + ", must be >= 1");
    }
    Path dir = (outDir != null ? outDir : Path.of("bench-results", candidate.name())).toAbsolutePath().normalize();
    List<BenchProblem> suite = BenchProblems.of(problems, dir.resolve("data"), fashionDir.toAbsolutePath());
    checkFashionMnist(suite);
    if (suite.stream().anyMatch(p -> p.name().equals("quadratic"))) {
      NoisyQuadratic.write(dir.resolve("data"));
    }
    int runs = suite.size() * bench.optimizers().size() * (budget + seeds);
    out.printf("bench-optimizer: %s%s against %s on %d problem%s: %d rates x %d optimizers + %d seeds each = %d runs,"
        + " %d worker%s%n", candidate.name(), candidate.jar() == null ? "" : " (from " + candidate.jar() + ")",
        String.join(", ", bench.optimizers().subList(1, bench.optimizers().size())), suite.size(),
        suite.size() == 1 ? "" : "s", budget, bench.optimizers().size(), seeds, runs, n, n == 1 ? "" : "s");
    out.println("learning rates: " + bench.learningRates().stream().map(dev.descent.core.Numbers::plain).toList());
    out.flush();
    List<String> machine = new ArrayList<>(BenchMachine.describe("at the start"));
    BenchResult result;
    try (Workspace ws = storeOptions.openOrCreate()) {
      try {
        Trainer training = candidate.jar() == null ? trainer : new Trainer(candidate.registry());
        result = new OptimizerBench(training, ws.store(), null, candidate.registry(), Clock.systemUTC(), n)
            .run(bench, suite, dir, new BenchProgressPrinter(out), machine);
      } finally {
        ws.sync();
      }
    }
    machine.addAll(BenchMachine.describe("at the end"));
    result = new BenchResult(result.spec(), result.problems(), result.started(), result.seconds(), result.store(),
        machine);
    List<Path> files = ReportWriter.write(result, "descent "
        + String.join(" ", spec.commandLine().getParseResult().originalArgs()), dir);
    BenchProgressPrinter.summary(out, result);
    out.println("report: " + files.get(0) + " and " + files.get(1));
    out.flush();
    return 0;
  }

  private void checkFashionMnist(List<BenchProblem> suite) {
    List<String> needing = suite.stream().filter(BenchProblem::needsFashionMnist).map(BenchProblem::name).toList();
    if (needing.isEmpty()) {
      return;
    }
    List<String> missing = BenchProblems.missingFashionFiles(fashionDir);
    if (!missing.isEmpty()) {
      List<String> rest = BenchProblems.names().stream().filter(p -> !needing.contains(p)
          && (problems.isEmpty() || problems.contains(p))).toList();
      throw new DescentException(ErrorCode.NOT_FOUND, "Fashion-MNIST is not in " + fashionDir + " (missing "
          + String.join(", ", missing) + "), and " + String.join(", ", needing) + " need" + (needing.size() == 1
              ? "s" : "") + " it. Install it (Debian: apt-get install " + BenchProblems.FASHION_PACKAGE + "), or give"
          + " --fashion-mnist DIR" + (rest.isEmpty() ? "" : ", or run the rest: --problems " + String.join(",", rest)));
    }
  }
}
