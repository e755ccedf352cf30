package dev.descent.core.nn;

import dev.descent.spi.FusedLoss;
import dev.descent.spi.Loss;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward propagation for batches of one fixed size, with every intermediate array
 * allocated once: pre-activations z, outputs, dropout masks and the gradients flowing back.
 *
 * <p>Backpropagation is the chain rule applied layer by layer from the loss:
 * {@code dJ/dz = g'(z) ⊙ dJ/da}, {@code dJ/dW = xᵀ dJ/dz}, {@code dJ/db = 1ᵀ dJ/dz},
 * {@code dJ/dx = dJ/dz Wᵀ}; an active dropout layer multiplies the gradient by its mask.
 */
public final class Pass {
  private final List<Layer> layers;
  private final int outIndex;
  private final INDArray[] z;
  private final INDArray[] buffer;
  private final INDArray[] mask;
  private final INDArray[] grad;
  private final INDArray gradLogits;
  private final INDArray ones;
  /** What each layer output in the last forward pass: its buffer, or its input for inactive dropout. */
  private final INDArray[] act;
  private final boolean[] dropped;
  private INDArray input;

  Pass(Network net, long rows) {
    this.layers = net.layers();
    int n = layers.size();
    z = new INDArray[n];
    buffer = new INDArray[n];
    mask = new INDArray[n];
    grad = new INDArray[n];
    act = new INDArray[n];
    dropped = new boolean[n];
    int last = -1;
    for (int i = 0; i < n; i++) {
      Layer l = layers.get(i);
      buffer[i] = Nd4j.create(net.dtype(), rows, l.outputSize());
      grad[i] = Nd4j.create(net.dtype(), rows, l.outputSize());
      if (l instanceof DenseLayer) {
        z[i] = Nd4j.create(net.dtype(), rows, l.outputSize());
        last = i;
      } else {
        mask[i] = Nd4j.create(net.dtype(), rows, l.outputSize());
      }
    }
    outIndex = last;
    gradLogits = Nd4j.create(net.dtype(), rows, layers.get(last).outputSize());
    ones = Nd4j.ones(net.dtype(), 1, rows);
  }

  /**
   * Runs the network on {@code x}; with {@code rng} (training) dropout masks are drawn from it,
   * without it (evaluation) dropout passes inputs through. Returns the output layer's activations.
   */
  public INDArray forward(INDArray x, Random rng) {
    input = x;
    INDArray a = x;
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      dropped[i] = false;
      if (l instanceof DenseLayer d) {
        Blas.affine(a, d.weights(), d.bias(), ones, z[i]);
        d.activation().forward(z[i], buffer[i]);
        a = buffer[i];
      } else if (l instanceof DropoutLayer dr && rng != null && dr.rate() > 0) {
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask[i], dr.keep()), rng);
        mask[i].muli(1.0 / dr.keep());
        a.mul(mask[i], buffer[i]);
        a = buffer[i];
        dropped[i] = true;
      }
      act[i] = a;
    }
    return a;
  }

  /** The output layer's pre-activations (logits) of the last forward pass. */
  public INDArray logits() {
    return z[outIndex];
  }

  /** The loss of the last forward pass against {@code target}. */
  public double loss(Loss loss, Optional<FusedLoss> fused, INDArray target) {
    return fused.isPresent()
        ? fused.get().value(z[outIndex], act[outIndex], target)
        : loss.value(act[outIndex], target);
  }

  /**
   * Backpropagates the loss of the last forward pass into the network's gradient arrays.
   * Dropout masks are those of that pass: call right after {@code forward(x, rng)}.
   */
  public void backward(Loss loss, Optional<FusedLoss> fused, INDArray target) {
    DenseLayer outLayer = (DenseLayer) layers.get(outIndex);
    if (fused.isPresent()) {
      fused.get().gradient(z[outIndex], act[outIndex], target, gradLogits);
    } else {
      loss.gradient(act[outIndex], target, grad[outIndex]);
      outLayer.activation().backward(z[outIndex], act[outIndex], grad[outIndex], gradLogits);
    }
    INDArray gradZ = gradLogits;
    for (int i = outIndex; i >= 0; i--) {
      Layer l = layers.get(i);
      if (l instanceof DenseLayer d) {
        if (i != outIndex) {
          d.activation().backward(z[i], act[i], grad[i], grad[i]);
          gradZ = grad[i];
        }
        INDArray prev = i == 0 ? input : act[i - 1];
        Blas.gemm(prev, gradZ, d.weightGrad(), true, false, 1.0, 0.0);
        Blas.columnSums(gradZ, ones, d.biasGrad());
        if (i > 0) {
          Blas.gemm(gradZ, d.weights(), grad[i - 1], false, true, 1.0, 0.0);
        }
      } else if (i > 0) {
        if (dropped[i]) {
          grad[i].mul(mask[i], grad[i - 1]);
        } else {
          grad[i - 1].assign(grad[i]);
        }
      }
    }
  }
}
