package dev.descent.builtin.activation;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code softmax}: row-wise s_j = e^(z_j - max z) / sum_k e^(z_k - max z); subtracting the row's
 * maximum keeps e^z from overflowing. The backward pass is the Jacobian-vector product
 * {@code s * (g - sum(g * s))} per row, never the full Jacobian.
 */
public final class Softmax extends BuiltinPlugin implements ActivationProvider, Activation {

  public Softmax() {
    super("softmax", "Row-wise softmax, turning each row of logits into a probability distribution.");
  }

  @Override
  public Activation create(Params params) {
    return this;
  }

  @Override
  public void forward(INDArray z, INDArray out) {
    if (z.rank() == 2 && z.length() <= 1 << 16 && FloatRuns.direct(z, out)) {
      forwardRows(z, out);
      return;
    }
    Nd4j.exec(new SoftMax(z, out, 1));
  }

  /** The output layer's few logits per row (a batch of 10 classes) in one Java loop, exponentials in double. */
  private static void forwardRows(INDArray z, INDArray out) {
    int cols = (int) z.columns();
    float[] v = new float[(int) z.length()];
    double[] e = new double[cols];
    FloatRuns.read(z, v);
    for (int o = 0; o < v.length; o += cols) {
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, v[o + j]);
      }
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        e[j] = Math.exp((double) v[o + j] - max);
        sum += e[j];
      }
      for (int j = 0; j < cols; j++) {
        v[o + j] = (float) (e[j] / sum);
      }
    }
    FloatRuns.write(out, v);
  }

  @Override
  public void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ) {
    INDArray dot = gradOut.mul(out).sum(true, 1);
    if (gradZ != gradOut) {
      gradZ.assign(gradOut);
    }
    gradZ.subiColumnVector(dot).muli(out);
  }
}
