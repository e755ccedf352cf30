package dev.descent.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.ParameterState;
import dev.descent.testkit.trace.OptimizerTrace;
import dev.descent.testkit.trace.TestFunction;
import dev.descent.testkit.trace.TracePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The contract of an {@link OptimizerProvider}. Extend it once per optimizer; list non-default
 * configurations worth checking in {@link #configurations()} and, if the defaults descend too
 * slowly, a better one in {@link #descentConfiguration()}.
 *
 * <p>Trajectories are compared bitwise: the same configuration and inputs must give the same
 * numbers, and a {@link ParameterState} must depend on nothing but its own parameter's history.
 */
public abstract class OptimizerContract extends PluginContract<OptimizerProvider> {
  private static final long SEED = 42L;
  private static final int STEPS = 25;

  @Override
  protected Object configure(Map<String, ?> raw) {
    return plugin().configure(raw);
  }

  /** Extra non-default configurations to check besides the defaults; none by default. */
  protected List<Map<String, ?>> configurations() {
    return List.of();
  }

  /** The configuration of the descent check on {@link TestFunction#QUADRATIC}: learning rate 0.01. */
  protected Map<String, ?> descentConfiguration() {
    return Map.of(OptimizerProvider.LEARNING_RATE, 0.01);
  }

  /** Updates of the descent check. */
  protected int descentSteps() {
    return 500;
  }

  private List<Map<String, ?>> allConfigurations() {
    List<Map<String, ?>> all = new ArrayList<>();
    all.add(Map.of());
    all.addAll(configurations());
    return all;
  }

  @Override
  public List<ContractCheck> checks() {
    List<ContractCheck> checks = new ArrayList<>(super.checks());
    checks.add(new ContractCheck("declares_learning_rate", this::declares_learning_rate));
    checks.add(new ContractCheck("same_configuration_gives_bitwise_identical_trajectories", this::same_configuration_gives_bitwise_identical_trajectories));
    checks.add(new ContractCheck("states_of_one_optimizer_are_isolated", this::states_of_one_optimizer_are_isolated));
    checks.add(new ContractCheck("step_does_not_modify_the_gradient", this::step_does_not_modify_the_gradient));
    checks.add(new ContractCheck("output_stays_finite_and_steps_are_counted", this::output_stays_finite_and_steps_are_counted));
    checks.add(new ContractCheck("updates_views_like_separate_arrays_and_touches_nothing_else", this::updates_views_like_separate_arrays_and_touches_nothing_else));
    checks.add(new ContractCheck("descends_on_a_convex_quadratic", this::descends_on_a_convex_quadratic));
    return checks;
  }

  private void declares_learning_rate() {
    assertTrue(plugin().parameters().stream().map(ParamSpec::name).anyMatch(OptimizerProvider.LEARNING_RATE::equals),
        "every optimizer declares " + OptimizerProvider.LEARNING_RATE);
    Optimizer opt = plugin().configure(Map.of(OptimizerProvider.LEARNING_RATE, 0.125));
    assertEquals(0.125, opt.learningRate(), "learningRate() reports the configured value");
  }

  private void same_configuration_gives_bitwise_identical_trajectories() {
    for (Map<String, ?> cfg : allConfigurations()) {
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        List<INDArray> a = run(plugin().configure(cfg), type, SEED);
        List<INDArray> b = run(plugin().configure(cfg), type, SEED);
        for (int k = 0; k < a.size(); k++) {
          int step = k;
          assertTrue(Arrays2.bitwiseEqual(a.get(k), b.get(k)), () -> cfg + " " + type + ": differs at step " + step);
        }
      }
    }
  }

  private void states_of_one_optimizer_are_isolated() {
    for (Map<String, ?> cfg : allConfigurations()) {
      Optimizer opt = plugin().configure(cfg);
      Random rnd = new Random(SEED);
      INDArray p1 = Arrays2.normal(rnd, 3, 4);
      INDArray p2 = Arrays2.normal(rnd, 3, 4);
      List<INDArray> g1 = gradients(rnd, STEPS, 3, 4);
      List<INDArray> g2 = gradients(rnd, STEPS, 3, 4);
      INDArray alone1 = p1.dup();
      INDArray alone2 = p2.dup();
      steps(opt.newState(alone1), alone1, g1);
      steps(opt.newState(alone2), alone2, g2);
      ParameterState s1 = opt.newState(p1);
      ParameterState s2 = opt.newState(p2);
      for (int k = 0; k < STEPS; k++) {
        s1.step(p1, g1.get(k));
        s2.step(p2, g2.get(k));
      }
      assertTrue(Arrays2.bitwiseEqual(alone1, p1), () -> cfg + ": first parameter changed by interleaving");
      assertTrue(Arrays2.bitwiseEqual(alone2, p2), () -> cfg + ": second parameter changed by interleaving");
    }
  }

  private void step_does_not_modify_the_gradient() {
    for (Map<String, ?> cfg : allConfigurations()) {
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        Random rnd = new Random(SEED);
        INDArray p = Arrays2.normal(rnd, 2, 5).castTo(type);
        INDArray g = Arrays2.normal(rnd, 2, 5).castTo(type);
        INDArray before = g.dup();
        ParameterState s = plugin().configure(cfg).newState(p);
        for (int k = 0; k < 3; k++) {
          s.step(p, g);
        }
        assertTrue(Arrays2.bitwiseEqual(before, g), () -> cfg + " " + type + ": step modified the gradient");
      }
    }
  }

  private void output_stays_finite_and_steps_are_counted() {
    for (Map<String, ?> cfg : allConfigurations()) {
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        Random rnd = new Random(SEED);
        INDArray p = Arrays2.normal(rnd, 4, 8).castTo(type);
        ParameterState s = plugin().configure(cfg).newState(p);
        assertEquals(0, s.steps(), "a new state has taken no steps");
        for (int k = 1; k <= STEPS; k++) {
          INDArray g = Arrays2.normal(rnd, 4, 8).muli(k % 5 == 0 ? 100 : 1).castTo(type);
          s.step(p, g);
          assertEquals(k, s.steps(), "steps() counts updates");
        }
        assertTrue(Arrays2.allFinite(p), () -> cfg + " " + type + ": parameter not finite " + p);
      }
    }
  }

  private void updates_views_like_separate_arrays_and_touches_nothing_else() {
    for (Map<String, ?> cfg : allConfigurations()) {
      Optimizer opt = plugin().configure(cfg);
      Random rnd = new Random(SEED);
      INDArray flat = Arrays2.normal(rnd, 1, 30).castTo(DataType.FLOAT);
      INDArray matrix = Arrays2.normal(rnd, 4, 3).castTo(DataType.FLOAT);
      INDArray flatBefore = flat.dup();
      INDArray matrixBefore = matrix.dup();
      INDArray slice = flat.get(NDArrayIndex.all(), NDArrayIndex.interval(10, 22));
      INDArray column = matrix.getColumn(1, true);
      for (INDArray view : new INDArray[] {slice, column}) {
        INDArray separate = view.dup('c');
        List<INDArray> grads = gradients(rnd, 5, (int) view.size(0), (int) view.size(1));
        steps(opt.newState(view), view, grads);
        steps(opt.newState(separate), separate, grads);
        assertTrue(Arrays2.bitwiseEqual(separate, view.dup('c')), () -> cfg + ": a view was updated differently");
      }
      slice.assign(flatBefore.get(NDArrayIndex.all(), NDArrayIndex.interval(10, 22)));
      column.assign(matrixBefore.getColumn(1, true));
      assertTrue(Arrays2.bitwiseEqual(flatBefore, flat), () -> cfg + ": elements outside the slice changed");
      assertTrue(Arrays2.bitwiseEqual(matrixBefore, matrix), () -> cfg + ": elements outside the column changed");
    }
  }

  private void descends_on_a_convex_quadratic() {
    Optimizer opt = plugin().configure(descentConfiguration());
    List<TracePoint> trace = OptimizerTrace.run(opt, TestFunction.QUADRATIC, descentSteps());
    double start = trace.get(0).loss();
    double end = trace.get(trace.size() - 1).loss();
    assertTrue(end < 1e-2 * start, () -> descentConfiguration() + ": loss " + start + " -> " + end
        + " after " + descentSteps() + " steps; expected at least a 100-fold decrease");
  }

  private List<INDArray> run(Optimizer opt, DataType type, long seed) {
    Random rnd = new Random(seed);
    INDArray p = Arrays2.normal(rnd, 3, 4).castTo(type);
    ParameterState s = opt.newState(p);
    List<INDArray> out = new ArrayList<>();
    for (INDArray g : gradients(rnd, STEPS, 3, 4)) {
      s.step(p, g.castTo(type));
      out.add(p.dup());
    }
    return out;
  }

  private static List<INDArray> gradients(Random rnd, int n, int rows, int cols) {
    List<INDArray> gs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      gs.add(Arrays2.normal(rnd, rows, cols));
    }
    return gs;
  }

  private static void steps(ParameterState s, INDArray p, List<INDArray> grads) {
    for (INDArray g : grads) {
      s.step(p, g.castTo(p.dataType()));
    }
  }
}
