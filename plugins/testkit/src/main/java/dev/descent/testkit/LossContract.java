package dev.descent.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.FusedLoss;
import dev.descent.spi.Loss;
import dev.descent.spi.LossProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract of a {@link LossProvider}. Extend it once per loss; override {@link #targets} and
 * {@link #outputs} when the defaults (one-hot targets, softmax-like outputs) do not fit the loss.
 *
 * <p>For every {@link ActivationProvider} on the class path for which {@link Loss#fusedWith}
 * returns a fused form, the fused value must equal the plain value on g(z) and the fused gradient
 * must match central differences of {@code z -> value(g(z), y)}, the chain rule.
 */
public abstract class LossContract extends PluginContract<LossProvider> {
  private static final long SEED = 1127L;
  private static final int ROWS = 4;
  private static final int COLS = 3;

  @Override
  protected Object configure(Map<String, ?> raw) {
    return plugin().configure(raw);
  }

  /** Extra non-default configurations to check besides the defaults; none by default. */
  protected List<Map<String, ?>> configurations() {
    return List.of();
  }

  /** Targets for a batch, float64: one-hot rows by default. */
  protected INDArray targets(int rows, int cols, Random rnd) {
    INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, cols);
    for (int r = 0; r < rows; r++) {
      y.putScalar(r, rnd.nextInt(cols), 1.0);
    }
    return y;
  }

  /**
   * Network outputs for a batch, float64: row-wise softmax of normal logits by default, so every
   * value lies in (0, 1) and each row sums to 1.
   */
  protected INDArray outputs(int rows, int cols, Random rnd) {
    INDArray z = Arrays2.normal(rnd, rows, cols);
    INDArray e = org.nd4j.linalg.ops.transforms.Transforms.exp(z, true);
    return e.diviColumnVector(e.sum(true, 1));
  }

  /** The tolerance of the gradient checks (relative error, see {@link GradientChecker}). */
  protected double gradientTolerance() {
    return 1e-6;
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
    checks.add(new ContractCheck("value_is_finite_and_deterministic", this::value_is_finite_and_deterministic));
    checks.add(new ContractCheck("gradient_has_the_output_shape_and_is_finite", this::gradient_has_the_output_shape_and_is_finite));
    checks.add(new ContractCheck("gradient_matches_central_differences_in_double", this::gradient_matches_central_differences_in_double));
    checks.add(new ContractCheck("fused_forms_equal_the_plain_loss_after_the_activation", this::fused_forms_equal_the_plain_loss_after_the_activation));
    checks.add(new ContractCheck("fused_forms_stay_finite_for_large_logits", this::fused_forms_stay_finite_for_large_logits));
    return checks;
  }

  private void value_is_finite_and_deterministic() {
    for (Map<String, ?> cfg : allConfigurations()) {
      Random rnd = new Random(SEED);
      INDArray y = targets(ROWS, COLS, rnd);
      INDArray p = outputs(ROWS, COLS, rnd);
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        double v1 = plugin().configure(cfg).value(p.castTo(type), y.castTo(type));
        double v2 = plugin().configure(cfg).value(p.castTo(type), y.castTo(type));
        assertTrue(Double.isFinite(v1), () -> cfg + " " + type + ": value " + v1);
        assertEquals(Double.doubleToLongBits(v1), Double.doubleToLongBits(v2), () -> cfg + ": value not deterministic");
      }
    }
  }

  private void gradient_has_the_output_shape_and_is_finite() {
    for (Map<String, ?> cfg : allConfigurations()) {
      Random rnd = new Random(SEED);
      INDArray y = targets(ROWS, COLS, rnd).castTo(DataType.FLOAT);
      INDArray p = outputs(ROWS, COLS, rnd).castTo(DataType.FLOAT);
      INDArray g = p.ulike();
      plugin().configure(cfg).gradient(p, y, g);
      assertArrayEquals(p.shape(), g.shape());
      assertTrue(Arrays2.allFinite(g), () -> cfg + ": gradient not finite " + g);
    }
  }

  private void gradient_matches_central_differences_in_double() {
    for (Map<String, ?> cfg : allConfigurations()) {
      for (long seed = SEED; seed < SEED + 3; seed++) {
        Loss loss = plugin().configure(cfg);
        Random rnd = new Random(seed);
        INDArray y = targets(ROWS, COLS, rnd);
        INDArray p = outputs(ROWS, COLS, rnd);
        INDArray g = p.ulike();
        loss.gradient(p, y, g);
        GradientChecker.Result r = GradientChecker.check(x -> loss.value(x, y), p, g, GradientChecker.DEFAULT_EPS);
        long s = seed;
        assertTrue(r.passes(gradientTolerance()), () -> cfg + ": " + r + " (NOTE: reproduce with seed " + s + ")");
      }
    }
  }

  private void fused_forms_equal_the_plain_loss_after_the_activation() {
    for (Map<String, ?> cfg : allConfigurations()) {
      Loss loss = plugin().configure(cfg);
      for (ActivationProvider ap : ServiceLoader.load(ActivationProvider.class, plugin().getClass().getClassLoader())) {
        Optional<FusedLoss> fused = loss.fusedWith(ap.name());
        if (fused.isPresent()) {
          checkFused(cfg, loss, fused.get(), ap.name(), ap.configure(Map.of()));
        }
      }
    }
  }

  private void fused_forms_stay_finite_for_large_logits() {
    for (Map<String, ?> cfg : allConfigurations()) {
      Loss loss = plugin().configure(cfg);
      for (ActivationProvider ap : ServiceLoader.load(ActivationProvider.class, plugin().getClass().getClassLoader())) {
        Optional<FusedLoss> fused = loss.fusedWith(ap.name());
        if (fused.isPresent()) {
          INDArray y = targets(2, COLS, new Random(SEED)).castTo(DataType.FLOAT);
          INDArray z = Nd4j.createFromArray(new float[][] {{80, -80, 0}, {-80, 80, 40}});
          INDArray out = z.ulike();
          ap.configure(Map.of()).forward(z, out);
          double v = fused.get().value(z, out, y);
          INDArray g = z.ulike();
          fused.get().gradient(z, out, y, g);
          assertTrue(Double.isFinite(v) && Arrays2.allFinite(g), () -> ap.name() + ": fused value " + v + ", gradient " + g);
        }
      }
    }
  }

  private void checkFused(Map<String, ?> cfg, Loss loss, FusedLoss fused, String name, Activation act) {
    for (long seed = SEED; seed < SEED + 3; seed++) {
      Random rnd = new Random(seed);
      INDArray y = targets(ROWS, COLS, rnd);
      INDArray z = Arrays2.awayFromZero(Arrays2.normal(rnd, ROWS, COLS).muli(2), 1e-3);
      INDArray out = z.ulike();
      act.forward(z, out);
      double plain = loss.value(out, y);
      double viaLogits = fused.value(z, out, y);
      assertEquals(plain, viaLogits, 1e-12 * Math.max(1, Math.abs(plain)), () -> cfg + " fused with " + name + ": value");
      INDArray g = z.ulike();
      fused.gradient(z, out, y, g);
      INDArray tmp = z.ulike();
      GradientChecker.Result r = GradientChecker.check(x -> {
        act.forward(x, tmp);
        return loss.value(tmp, y);
      }, z, g, GradientChecker.DEFAULT_EPS);
      long s = seed;
      assertTrue(r.passes(gradientTolerance()),
          () -> cfg + " fused with " + name + ": " + r + " (NOTE: reproduce with seed " + s + ")");
    }
  }
}
