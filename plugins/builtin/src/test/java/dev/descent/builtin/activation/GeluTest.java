package dev.descent.builtin.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.builtin.Registered;
import dev.descent.spi.ActivationProvider;
import dev.descent.testkit.ActivationContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GeluTest extends ActivationContract {
  @Override
  protected ActivationProvider plugin() {
    return Registered.plugin(ActivationProvider.class, "gelu");
  }

  /** Values from torch.nn.functional.gelu (approximate='none') in float64. */
  @Test
  void matches_torch_exact_gelu() {
    INDArray z = Nd4j.createFromArray(new double[][] {{-3.0, -1.0, 0.5, 2.0}});
    INDArray out = z.ulike();
    plugin().configure(Map.of()).forward(z, out);
    double[] torch = TORCH;
    for (int i = 0; i < torch.length; i++) {
      assertEquals(torch[i], out.getDouble(i), 1e-12 * Math.max(1, Math.abs(torch[i])));
    }
  }

  private static final double[] TORCH = {-0.00404969409489031, -0.15865525393145702, 0.34573123063700656, 1.9544997361036416};
}
