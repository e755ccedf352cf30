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
    Nd4j.exec(new SoftMax(z, out, 1));
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
