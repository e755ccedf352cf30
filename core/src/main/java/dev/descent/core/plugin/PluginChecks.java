package dev.descent.core.plugin;

import dev.descent.spi.InvalidParamsException;
import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.ParamType;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Plugin;
import dev.descent.spi.PluginNames;
import dev.descent.spi.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checks of the plugin test kit's contracts ({@code PluginContract}, {@code OptimizerContract}),
 * runnable without JUnit or a build, for {@code descent plugins verify}. They make the same
 * assertions on the same kind of inputs, so a jar that passes here passes its author's contract test.
 */
public final class PluginChecks {
  private static final long SEED = 42L;
  private static final int STEPS = 25;

  /** A failed check; its message says what the plugin did and what was expected. */
  public static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Failure(String message) {
      super(message);
    }
  }

  /** One named check. */
  public record Check(String name, Runnable body) {}

  /** The outcome of one check: passed, or the message of its failure. */
  public record Outcome(String name, boolean passed, String message) {}

  private PluginChecks() {}

  /** Fails with {@code message} unless {@code condition} holds. */
  public static void require(boolean condition, Supplier<String> message) {
    if (!condition) {
      throw new Failure(message.get());
    }
  }

  /** Runs a check; any exception it throws is a failure naming the exception. */
  public static Outcome run(Check c) {
    try {
      c.body().run();
      return new Outcome(c.name(), true, "");
    } catch (Failure f) {
      return new Outcome(c.name(), false, f.getMessage());
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return new Outcome(c.name(), false, "threw " + ProviderFailure.root(e));
    }
  }

  /** What every plugin must do: {@code PluginContract}'s checks. */
  public static List<Check> common(Plugin plugin) {
    List<Check> c = new ArrayList<>();
    c.add(new Check("name_follows_the_plugin_name_rule", () -> require(PluginNames.isValid(plugin.name()),
        () -> "name '" + plugin.name() + "' must be " + PluginNames.rule())));
    c.add(new Check("has_a_description_and_a_version", () -> {
      require(plugin.description() != null && !plugin.description().isBlank(), () -> "description must not be blank");
      require(plugin.version() != null && !plugin.version().isBlank(), () -> "version must not be blank");
    }));
    c.add(new Check("every_parameter_name_follows_the_rule_and_its_default_resolves", () -> {
      for (ParamSpec spec : plugin.parameters()) {
        require(PluginNames.isValid(spec.name()), () -> "parameter '" + spec.name() + "' must be " + PluginNames.rule());
        require(!spec.description().isBlank(), () -> "parameter '" + spec.name() + "' needs a description");
        plugin.resolve(Map.of(spec.name(), spec.defaultValue()));
      }
    }));
    c.add(new Check("configures_from_an_empty_map", () -> require(plugin.resolve(Map.of()) != null, () -> "resolve returned null")));
    c.add(new Check("rejects_an_unknown_key_listing_the_valid_names", () -> {
      String msg = rejection(plugin, Map.of("no_such_parameter_zz", 1), "no_such_parameter_zz").getMessage();
      for (ParamSpec spec : plugin.parameters()) {
        require(msg.contains(spec.name()), () -> "message must list '" + spec.name() + "': " + msg);
      }
    }));
    c.add(new Check("rejects_out_of_range_and_wrong_type_values_naming_the_field", () -> {
      for (ParamSpec spec : plugin.parameters()) {
        rejectionOf(plugin, spec, "abc");
        if (spec.type() != ParamType.BOOLEAN && spec.min() != null) {
          rejectionOf(plugin, spec, spec.minInclusive() ? Math.nextDown(spec.min()) : spec.min());
        }
        if (spec.type() != ParamType.BOOLEAN && spec.max() != null) {
          rejectionOf(plugin, spec, spec.maxInclusive() ? Math.nextUp(spec.max()) : spec.max());
        }
      }
    }));
    return c;
  }

  /** {@code OptimizerContract}'s checks on the default configuration, except descent (it needs the test kit). */
  public static List<Check> optimizer(OptimizerProvider provider) {
    List<Check> c = new ArrayList<>();
    c.add(new Check("declares_learning_rate", () -> {
      require(provider.parameters().stream().anyMatch(s -> s.name().equals(OptimizerProvider.LEARNING_RATE)),
          () -> "every optimizer declares " + OptimizerProvider.LEARNING_RATE);
      double lr = provider.configure(Map.of(OptimizerProvider.LEARNING_RATE, 0.125)).learningRate();
      require(lr == 0.125, () -> "learningRate() must report the configured 0.125, was " + lr);
    }));
    c.add(new Check("same_configuration_gives_bitwise_identical_trajectories", () -> {
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        require(equal(trajectory(provider.configure(Map.of()), type), trajectory(provider.configure(Map.of()), type)),
            () -> type + ": two runs of one configuration differ");
      }
    }));
    c.add(new Check("states_of_one_optimizer_are_isolated", () -> isolated(provider.configure(Map.of()))));
    c.add(new Check("step_does_not_modify_the_gradient", () -> {
      Random rnd = new Random(SEED);
      INDArray p = normal(rnd, 2, 5).castTo(DataType.FLOAT);
      INDArray g = normal(rnd, 2, 5).castTo(DataType.FLOAT);
      INDArray before = g.dup();
      ParameterState s = provider.configure(Map.of()).newState(p);
      for (int k = 0; k < 3; k++) {
        s.step(p, g);
      }
      require(same(before, g), () -> "step modified the gradient");
    }));
    c.add(new Check("output_stays_finite_and_steps_are_counted", () -> {
      Random rnd = new Random(SEED);
      INDArray p = normal(rnd, 4, 8).castTo(DataType.FLOAT);
      ParameterState s = provider.configure(Map.of()).newState(p);
      require(s.steps() == 0, () -> "a new state has taken " + s.steps() + " steps, must be 0");
      for (int k = 1; k <= STEPS; k++) {
        s.step(p, normal(rnd, 4, 8).muli(k % 5 == 0 ? 100 : 1).castTo(DataType.FLOAT));
        int step = k;
        require(s.steps() == k, () -> "steps() was " + s.steps() + " after " + step + " updates");
      }
      for (long i = 0; i < p.length(); i++) {
        double v = p.getDouble(i);
        require(Double.isFinite(v), () -> "parameter not finite after large gradients: " + p);
      }
    }));
    return c;
  }

  private static void isolated(Optimizer opt) {
    Random rnd = new Random(SEED);
    INDArray p1 = normal(rnd, 3, 4);
    INDArray p2 = normal(rnd, 3, 4);
    List<INDArray> g1 = gradients(rnd);
    List<INDArray> g2 = gradients(rnd);
    INDArray alone1 = p1.dup();
    INDArray alone2 = p2.dup();
    ParameterState a1 = opt.newState(alone1);
    g1.forEach(g -> a1.step(alone1, g));
    ParameterState a2 = opt.newState(alone2);
    g2.forEach(g -> a2.step(alone2, g));
    ParameterState s1 = opt.newState(p1);
    ParameterState s2 = opt.newState(p2);
    for (int k = 0; k < STEPS; k++) {
      s1.step(p1, g1.get(k));
      s2.step(p2, g2.get(k));
    }
    require(same(alone1, p1) && same(alone2, p2), () -> "interleaving two parameters' steps changed their values: "
        + "state is shared between parameters (keep it in the ParameterState, not the optimizer or provider)");
  }

  private static List<INDArray> trajectory(Optimizer opt, DataType type) {
    Random rnd = new Random(SEED);
    INDArray p = normal(rnd, 3, 4).castTo(type);
    ParameterState s = opt.newState(p);
    List<INDArray> out = new ArrayList<>();
    for (INDArray g : gradients(rnd)) {
      s.step(p, g.castTo(type));
      out.add(p.dup());
    }
    return out;
  }

  private static boolean equal(List<INDArray> a, List<INDArray> b) {
    for (int k = 0; k < a.size(); k++) {
      if (!same(a.get(k), b.get(k))) {
        return false;
      }
    }
    return true;
  }

  /** Same type, shape and bitwise equal elements (INDArray.equals allows an epsilon). */
  private static boolean same(INDArray a, INDArray b) {
    if (a.dataType() != b.dataType() || !java.util.Arrays.equals(a.shape(), b.shape())) {
      return false;
    }
    for (long i = 0; i < a.length(); i++) {
      if (Double.doubleToRawLongBits(a.getDouble(i)) != Double.doubleToRawLongBits(b.getDouble(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<INDArray> gradients(Random rnd) {
    List<INDArray> gs = new ArrayList<>();
    for (int k = 0; k < STEPS; k++) {
      gs.add(normal(rnd, 3, 4));
    }
    return gs;
  }

  private static INDArray normal(Random rnd, int rows, int cols) {
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    return Nd4j.createFromArray(v);
  }

  private static void rejectionOf(Plugin plugin, ParamSpec spec, Object bad) {
    Map<String, Object> raw = new HashMap<>();
    raw.put(spec.name(), bad);
    InvalidParamsException e = rejection(plugin, raw, spec.name() + "=" + bad);
    require(e.problems().stream().map(Problem::path).anyMatch(spec.name()::equals),
        () -> "the problem must name '" + spec.name() + "': " + e.getMessage());
  }

  private static InvalidParamsException rejection(Plugin plugin, Map<String, ?> raw, String what) {
    try {
      plugin.resolve(raw);
    } catch (InvalidParamsException e) {
      return e;
    }
    throw new Failure(what + " must be rejected with an InvalidParamsException");
  }
}
