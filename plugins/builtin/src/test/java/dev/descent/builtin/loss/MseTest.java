package dev.descent.builtin.loss;

import dev.descent.builtin.Registered;
import dev.descent.spi.LossProvider;
import dev.descent.testkit.LossContract;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** MSE is checked on real-valued targets and outputs, as in regression. */
class MseTest extends LossContract {
  @Override
  protected LossProvider plugin() {
    return Registered.plugin(LossProvider.class, "mse");
  }

  @Override
  protected INDArray targets(int rows, int cols, Random rnd) {
    return normal(rows, cols, rnd);
  }

  @Override
  protected INDArray outputs(int rows, int cols, Random rnd) {
    return normal(rows, cols, rnd);
  }

  private static INDArray normal(int rows, int cols, Random rnd) {
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = 3 * rnd.nextGaussian();
      }
    }
    return Nd4j.createFromArray(v);
  }
}
