package dev.descent.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract of an {@link ActivationProvider}. Extend it once per activation:
 *
 * <pre>{@code
 * class ReluTest extends ActivationContract {
 *   @Override protected ActivationProvider plugin() { return new ReluProvider(); }
 * }
 * }</pre>
 *
 * <p>Every check runs on the default configuration and on each of {@link #configurations()}. The
 * gradient check compares {@code backward} with central differences of {@code sum(w * g(z))} for
 * random weights w and inputs in [-4, 4], in float64, with inputs kept at least {@link #kinkMargin()}
 * away from 0 and relative errors floored at {@link #gradientFloor()}.
 */
public abstract class ActivationContract extends PluginContract<ActivationProvider> {
  private static final long SEED = 20261127L;
  private static final int ROWS = 4;
  private static final int COLS = 5;

  /** Extra non-default configurations to check besides the defaults; none by default. */
  protected List<Map<String, ?>> configurations() {
    return List.of();
  }

  /** How far random inputs of the gradient check stay from 0, where relu-like functions have a kink. */
  protected double kinkMargin() {
    return 1e-3;
  }

  /** The tolerance of the gradient check (relative error, see {@link GradientChecker}). */
  protected double gradientTolerance() {
    return 1e-6;
  }

  /**
   * The denominator floor of the relative error: 1e-5. Central differences of outputs of order one
   * carry rounding noise of about 1e-11 to 1e-10; where the true derivative is near zero (gelu's
   * minimum, a saturated sigmoid) a relative error would only measure that noise. Below the floor the
   * check requires an absolute error under tolerance * floor = 1e-11.
   */
  protected double gradientFloor() {
    return 1e-5;
  }

  @Override
  protected Object configure(Map<String, ?> raw) {
    return plugin().configure(raw);
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
    checks.add(new ContractCheck("forward_and_backward_are_finite_for_large_inputs", this::forward_and_backward_are_finite_for_large_inputs));
    checks.add(new ContractCheck("forward_and_backward_are_deterministic", this::forward_and_backward_are_deterministic));
    checks.add(new ContractCheck("output_and_gradient_have_the_input_shape", this::output_and_gradient_have_the_input_shape));
    checks.add(new ContractCheck("allows_out_to_be_z_and_grad_z_to_be_grad_out", this::allows_out_to_be_z_and_grad_z_to_be_grad_out));
    checks.add(new ContractCheck("backward_matches_central_differences_in_double", this::backward_matches_central_differences_in_double));
    return checks;
  }

  private void forward_and_backward_are_finite_for_large_inputs() {
    for (Map<String, ?> cfg : allConfigurations()) {
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        INDArray z = org.nd4j.linalg.factory.Nd4j.createFromArray(
            new double[][] {{-80, -30, -1, 0, 1}, {30, 80, -1e-3, 1e-3, 5}}).castTo(type);
        INDArray out = z.ulike();
        plugin().configure(cfg).forward(z, out);
        assertTrue(Arrays2.allFinite(out), () -> cfg + " " + type + ": g(z) not finite: " + out);
        INDArray gradZ = z.ulike();
        plugin().configure(cfg).backward(z, out, z.ulike().assign(1.0), gradZ);
        assertTrue(Arrays2.allFinite(gradZ), () -> cfg + " " + type + ": backward not finite: " + gradZ);
      }
    }
  }

  private void forward_and_backward_are_deterministic() {
    for (Map<String, ?> cfg : allConfigurations()) {
      Random rnd = new Random(SEED);
      INDArray z = Arrays2.normal(rnd, ROWS, COLS).muli(3);
      INDArray g = Arrays2.normal(rnd, ROWS, COLS);
      INDArray[] first = forwardBackward(plugin().configure(cfg), z, g);
      INDArray[] second = forwardBackward(plugin().configure(cfg), z, g);
      assertTrue(Arrays2.bitwiseEqual(first[0], second[0]), () -> cfg + ": forward differs between calls");
      assertTrue(Arrays2.bitwiseEqual(first[1], second[1]), () -> cfg + ": backward differs between calls");
    }
  }

  private void output_and_gradient_have_the_input_shape() {
    for (Map<String, ?> cfg : allConfigurations()) {
      INDArray z = Arrays2.normal(new Random(SEED), 3, 7).castTo(DataType.FLOAT);
      INDArray[] r = forwardBackward(plugin().configure(cfg), z, z.ulike().assign(1));
      assertArrayEquals(z.shape(), r[0].shape(), cfg + ": forward shape");
      assertArrayEquals(z.shape(), r[1].shape(), cfg + ": backward shape");
    }
  }

  private void allows_out_to_be_z_and_grad_z_to_be_grad_out() {
    for (Map<String, ?> cfg : allConfigurations()) {
      Activation act = plugin().configure(cfg);
      Random rnd = new Random(SEED);
      INDArray z = Arrays2.awayFromZero(Arrays2.normal(rnd, ROWS, COLS), kinkMargin());
      INDArray g = Arrays2.normal(rnd, ROWS, COLS);
      INDArray[] separate = forwardBackward(act, z, g);
      INDArray inPlace = z.dup();
      act.forward(inPlace, inPlace);
      INDArray gradInPlace = g.dup();
      act.backward(z, separate[0], gradInPlace, gradInPlace);
      assertTrue(Arrays2.bitwiseEqual(separate[0], inPlace), () -> cfg + ": forward(z, z) differs");
      assertTrue(Arrays2.bitwiseEqual(separate[1], gradInPlace), () -> cfg + ": backward into gradOut differs");
    }
  }

  private void backward_matches_central_differences_in_double() {
    for (Map<String, ?> cfg : allConfigurations()) {
      for (long seed = SEED; seed < SEED + 3; seed++) {
        Activation act = plugin().configure(cfg);
        Random rnd = new Random(seed);
        INDArray z = Arrays2.awayFromZero(Arrays2.uniform(rnd, ROWS, COLS, -4, 4), kinkMargin());
        INDArray w = Arrays2.normal(rnd, ROWS, COLS);
        INDArray[] base = forwardBackward(act, z, w);
        INDArray out = z.ulike();
        // sum(w * (g(x) - g(z))) has the gradient of sum(w * g(x)) but is near zero, so its
        // rounding noise is that of the perturbed outputs, not of a sum of order-one values
        GradientChecker.Result r = GradientChecker.check(x -> {
          act.forward(x, out);
          return out.subi(base[0]).muli(w).sumNumber().doubleValue();
        }, z, base[1], GradientChecker.DEFAULT_EPS, gradientFloor());
        long s = seed;
        assertTrue(r.passes(gradientTolerance()), () -> cfg + ": " + r + " (NOTE: reproduce with seed " + s + ")");
      }
    }
  }

  private static INDArray[] forwardBackward(Activation act, INDArray z, INDArray gradOut) {
    INDArray out = z.ulike();
    act.forward(z, out);
    INDArray gradZ = z.ulike();
    act.backward(z, out, gradOut.castTo(z.dataType()), gradZ);
    return new INDArray[] {out, gradZ};
  }
}
