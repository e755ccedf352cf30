package dev.descent.cli;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.Json;
import dev.descent.core.plugin.PluginRegistry;
import dev.descent.spi.InvalidParamsException;
import dev.descent.spi.Optimizer;
import dev.descent.spi.PluginKind;
import dev.descent.testkit.trace.OptimizerTrace;
import dev.descent.testkit.trace.TestFunction;
import dev.descent.testkit.trace.TracePoint;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent optimizers}: the optimizer playground. */
@Command(name = "optimizers", mixinStandardHelpOptions = true, description = "Explore optimizers.",
    subcommands = {OptimizersCommand.TraceCommand.class})
public final class OptimizersCommand {
  /**
   * The most updates a trace runs: every step is kept and printed, so 10^9 steps ran out of memory after half a
   * minute, and 10^6 took 27 s, 1.8 GB and printed 89 MB of JSON. 100,000 (11 s, 350 MB) is far past where
   * any of the test functions stops changing.
   */
  static final int MAX_STEPS = 100_000;

  /** INVALID_INPUT (exit 2) unless {@code steps} is 0 to {@link #MAX_STEPS}. */
  static void checkSteps(int steps) {
    if (steps < 0 || steps > MAX_STEPS) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "--steps: was " + steps + ", must be 0 to " + MAX_STEPS
          + " (a trace keeps and prints every step)");
    }
  }

  /**
   * {@code descent optimizers trace}: one optimizer on a 2-D test function, in double precision,
   * so learning rates too small, right and too large can be seen step by step.
   */
  @Command(name = "trace", mixinStandardHelpOptions = true,
      description = "Run an optimizer on a 2-D test function and print its trajectory.")
  static final class TraceCommand implements Runnable {
    @Option(names = "--optimizer", required = true, description = "optimizer name, e.g. adam")
    String optimizer;

    @Option(names = "--param", description = "an optimizer parameter, e.g. learning_rate=0.01 (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--function", defaultValue = "rosenbrock",
        description = "rosenbrock, quadratic or himmelblau (default: ${DEFAULT-VALUE})")
    String function;

    @Option(names = "--start", split = ",", description = "start point x,y (default: the function's usual start)")
    double[] start;

    @Option(names = "--steps", defaultValue = "100",
        description = "updates to apply, 0 to " + MAX_STEPS + " (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--json", description = "print [{step, x, loss}, ...] as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    private final PluginRegistry registry;

    @Inject
    TraceCommand(PluginRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void run() {
      TestFunction f = function();
      if (start != null && start.length != 2) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "--start: was " + start.length + " numbers, must be two: x,y");
      }
      checkSteps(steps);
      if (!registry.has(PluginKind.OPTIMIZER, optimizer)) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "--optimizer: " + registry.unknownMessage(PluginKind.OPTIMIZER, optimizer));
      }
      Optimizer opt;
      try {
        opt = registry.optimizer(optimizer).configure(params);
      } catch (InvalidParamsException e) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "--param: " + e.getMessage());
      }
      List<TracePoint> trace = OptimizerTrace.run(opt, f, start == null ? f.start() : start, steps);
      print(trace);
    }

    private TestFunction function() {
      try {
        return TestFunction.byName(function);
      } catch (IllegalArgumentException e) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "--function: " + e.getMessage());
      }
    }

    private void print(List<TracePoint> trace) {
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Object> rows = new ArrayList<>();
        for (TracePoint p : trace) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("step", p.step());
          m.put("x", List.of(p.x()[0], p.x()[1]));
          m.put("loss", p.loss());
          rows.add(m);
        }
        out.println(Json.write(rows));
      } else {
        out.printf("%6s  %22s  %22s  %22s%n", "step", "x", "y", "loss");
        for (TracePoint p : trace) {
          out.printf("%6d  %22.15g  %22.15g  %22.15g%n", p.step(), p.x()[0], p.x()[1], p.loss());
        }
      }
      out.flush();
    }
  }
}
