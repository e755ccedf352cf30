package dev.descent.cli;

import dev.descent.core.data.Datasets;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.plugin.LoadedPlugins;
import dev.descent.core.plugin.PluginEntry;
import dev.descent.core.plugin.PluginJars;
import dev.descent.core.plugin.PluginProblem;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.train.Trainer;
import dev.descent.core.train.TrainingListener;
import dev.descent.core.train.TrainingResult;
import dev.descent.spi.OptimizerProvider;
import dev.descent.testkit.ContractCheck;
import dev.descent.testkit.Contracts;
import dev.descent.testkit.trace.OptimizerTrace;
import dev.descent.testkit.trace.TestFunction;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent plugins verify JAR}: the checks of the test kit's contract for the plugin's kind
 * ({@link Contracts}, the very list a plugin author's JUnit contract test runs, under the same
 * names), run on a built jar without a build, then, for an optimizer, how it compares with adam and sgd on the three test
 * functions and on a short training. The jar is loaded alone next to the built-ins, exactly as the
 * plugin directory would load it, so a jar that verifies also loads.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check every plugin in JAR against the plugin contracts; for an optimizer also compare it with "
        + "adam and sgd. Exit code 0 if every check passes, 1 if one fails, 2 if the jar cannot be loaded.")
final class PluginVerifyCommand implements Callable<Integer> {
  private static final List<String> BASELINES = List.of("adam", "sgd");

  @Parameters(paramLabel = "JAR", description = "the plugin jar")
  Path jar;

  @Option(names = "--steps", defaultValue = "500", description = "trace updates per test function (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--epochs", defaultValue = "5", description = "epochs of the moons training (default: ${DEFAULT-VALUE}; 0 skips it)")
  int epochs;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (Files.isDirectory(jar)) {
      spec.commandLine().getErr().println("descent: " + jar + ": is a directory; give the path of one plugin jar "
          + "(a .jar file), e.g. " + jar.resolve("my-plugin.jar"));
      return 2;
    }
    if (!Files.isRegularFile(jar)) {
      spec.commandLine().getErr().println("descent: " + jar + ": no such file; give the path of a plugin jar");
      return 2;
    }
    OptimizersCommand.checkSteps(steps);
    Path path = jar.toAbsolutePath().normalize();
    LoadedPlugins loaded = PluginJars.load(List.of(path), null, PluginVerifyCommand.class.getClassLoader());
    List<PluginEntry> mine = loaded.registry().entries().stream().filter(e -> path.equals(e.source())).toList();
    out.println("verifying " + path);
    loaded.problems().forEach(p -> out.println("  " + (p.rejected() ? "REJECTED " : "warning  ") + p.message()));
    if (mine.isEmpty() || loaded.problems().stream().anyMatch(PluginProblem::rejected)) {
      out.println("bad jar: " + (mine.isEmpty() ? "no plugin could be loaded" : "some of its plugins were rejected"));
      out.flush();
      return 2;
    }
    boolean allPassed = true;
    for (PluginEntry e : mine) {
      out.printf("%n%s '%s' %s (sha256 %s)%n", e.kind().label(), e.name(), e.version(), e.sha256());
      int failed = 0;
      List<ContractCheck> checks = Contracts.checks(e.plugin());
      for (ContractCheck c : checks) {
        ContractCheck.Result o = c.run();
        out.printf("  %s  %s%s%n", o.passed() ? "PASS" : "FAIL", o.name(), o.passed() ? "" : ": " + o.message());
        failed += o.passed() ? 0 : 1;
      }
      out.printf("  %d of %d checks passed%n", checks.size() - failed, checks.size());
      allPassed &= failed == 0;
      if (e.plugin() instanceof OptimizerProvider) {
        allPassed &= compare(out, loaded.registry(), e.name());
      }
      out.flush();
    }
    out.println();
    out.println(allPassed ? "verify: all checks passed" : "verify: FAILED");
    out.flush();
    return allPassed ? 0 : 1;
  }

  /** Trace and training next to the baselines; false when the plugin fails to train. */
  private boolean compare(PrintWriter out, PluginRegistry registry, String name) {
    List<String> names = new ArrayList<>(List.of(name));
    BASELINES.stream().filter(b -> !b.equals(name)).forEach(names::add);
    out.printf("%n  final loss after %d steps at default settings (optimizers trace)%n", steps);
    out.printf("  %-12s", "");
    TestFunction[] fs = TestFunction.values();
    for (TestFunction f : fs) {
      out.printf(" %14s", f.id());
    }
    out.println();
    for (String n : names) {
      out.printf("  %-12s", n);
      for (TestFunction f : fs) {
        double loss = OptimizerTrace.run(registry.optimizer(n).configure(Map.of()), f, steps).get(steps).loss();
        out.printf(" %14.6g", loss);
      }
      out.println();
    }
    out.flush();
    return epochs <= 0 || train(out, registry, names);
  }

  private boolean train(PrintWriter out, PluginRegistry registry, List<String> names) {
    out.printf("%n  moons, 1000 points, 32-32 MLP, %d epochs at default settings%n", epochs);
    out.printf("  %-12s %12s %14s %12s %10s%n", "", "train loss", "test accuracy", "samples/s", "status");
    boolean ok = true;
    Trainer trainer = new Trainer(registry);
    for (String n : names) {
      Experiment exp = new ExperimentParser(registry).parse(experiment(n), "plugins verify", null);
      TrainingResult r;
      try {
        r = trainer.train(exp, Datasets.load(exp.dataset()), TrainingListener.NONE);
      } catch (RuntimeException e) {
        out.printf("  %-12s failed: %s%n", n, e.getMessage());
        ok &= !n.equals(names.get(0));
        continue;
      }
      double trainLoss = r.epochs().isEmpty() ? Double.NaN : r.epochs().get(r.epochs().size() - 1).trainLoss();
      out.printf("  %-12s %12.4f %14s %12.0f %10s%n", n, trainLoss,
          r.test() == null ? "-" : String.format("%.3f", r.test().accuracy()), r.samplesPerSecond(),
          r.status().name().toLowerCase(java.util.Locale.ROOT));
      if (n.equals(names.get(0)) && r.test() == null) {
        ok = false;
      }
    }
    out.flush();
    return ok;
  }

  private String experiment(String optimizer) {
    return String.join("\n",
        "name: verify-" + optimizer,
        "dataset: {name: moons, samples: 1000, test_samples: 500, noise: 0.1, validation_split: 0.2}",
        "model:",
        "  layers:",
        "    - {type: dense, units: 32, activation: relu}",
        "    - {type: dense, units: 32, activation: relu}",
        "    - {type: dense, units: 2, activation: softmax}",
        "  loss: softmax_cross_entropy",
        "  init: he_uniform",
        "training:",
        "  optimizer: {name: " + optimizer + "}",
        "  batch_size: 32",
        "  epochs: " + epochs,
        "  seed: 1",
        "");
  }
}
