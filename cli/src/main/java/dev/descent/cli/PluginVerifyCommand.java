package dev.descent.cli;

import dev.descent.core.data.Datasets;
import dev.descent.core.experiment.Experiment;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.plugin.LoadedPlugins;
import dev.descent.core.plugin.PluginChecks;
import dev.descent.core.plugin.PluginChecks.Check;
import dev.descent.core.plugin.PluginChecks.Outcome;
import dev.descent.core.plugin.PluginEntry;
import dev.descent.core.plugin.PluginJars;
import dev.descent.core.plugin.PluginProblem;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.train.Trainer;
import dev.descent.core.train.TrainingListener;
import dev.descent.core.train.TrainingResult;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.Loss;
import dev.descent.spi.LossProvider;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.Plugin;
import dev.descent.testkit.GradientChecker;
import dev.descent.testkit.trace.OptimizerTrace;
import dev.descent.testkit.trace.TestFunction;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent plugins verify JAR}: what a plugin author's contract test checks, run on a built
 * jar without a build, then, for an optimizer, how it compares with adam and sgd on the three test
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
      List<Check> checks = checks(e.plugin());
      for (Check c : checks) {
        Outcome o = PluginChecks.run(c);
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

  /** The contract checks for the plugin's kind. */
  static List<Check> checks(Plugin p) {
    List<Check> checks = new ArrayList<>(PluginChecks.common(p));
    if (p instanceof OptimizerProvider o) {
      checks.addAll(PluginChecks.optimizer(o));
      checks.add(new Check("descends_on_a_convex_quadratic", () -> {
        var trace = OptimizerTrace.run(o.configure(Map.of(OptimizerProvider.LEARNING_RATE, 0.01)), TestFunction.QUADRATIC, 500);
        double start = trace.get(0).loss();
        double end = trace.get(trace.size() - 1).loss();
        PluginChecks.require(end < 1e-2 * start, () -> "learning_rate=0.01: loss " + start + " -> " + end
            + " after 500 steps; expected at least a 100-fold decrease");
      }));
    } else if (p instanceof ActivationProvider a) {
      checks.add(new Check("backward_matches_central_differences_in_double", () -> activationGradient(a.configure(Map.of()))));
    } else if (p instanceof LossProvider l) {
      checks.add(new Check("gradient_matches_central_differences_in_double", () -> lossGradient(l.configure(Map.of()))));
    }
    return checks;
  }

  private static void activationGradient(Activation act) {
    Random rnd = new Random(20261127L);
    INDArray z = uniform(rnd, 4, 5, -4, 4);
    for (long i = 0; i < z.length(); i++) {
      double v = z.getDouble(i);
      z.putScalar(i, Math.abs(v) < 1e-3 ? Math.copySign(1e-3, v) : v);
    }
    INDArray w = uniform(rnd, 4, 5, -1, 1);
    INDArray base = z.ulike();
    act.forward(z, base);
    INDArray grad = z.ulike();
    act.backward(z, base, w.dup(), grad);
    INDArray out = z.ulike();
    GradientChecker.Result r = GradientChecker.check(x -> {
      act.forward(x, out);
      return out.subi(base).muli(w).sumNumber().doubleValue();
    }, z, grad, GradientChecker.DEFAULT_EPS, 1e-5);
    PluginChecks.require(r.passes(1e-6), r::toString);
  }

  private static void lossGradient(Loss loss) {
    INDArray logits = uniform(new Random(7L), 4, 3, -2, 2);
    INDArray p = Transforms.softmax(logits, true);
    INDArray y = Nd4j.zeros(p.dataType(), 4, 3);
    for (int i = 0; i < 4; i++) {
      y.putScalar(i, i % 3, 1.0);
    }
    INDArray g = p.ulike();
    loss.gradient(p, y, g);
    GradientChecker.Result r = GradientChecker.check(x -> loss.value(x, y), p, g, GradientChecker.DEFAULT_EPS);
    PluginChecks.require(r.passes(1e-5), r::toString);
  }

  /** Seeded uniform values in [lo, hi), float64: a gradient check needs double precision. */
  private static INDArray uniform(Random rnd, int rows, int cols, double lo, double hi) {
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = lo + (hi - lo) * rnd.nextDouble();
      }
    }
    return Nd4j.createFromArray(v);
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
