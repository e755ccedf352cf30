package dev.descent.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A configured activation g applied to a layer's pre-activations, one row per example.
 *
 * <p>Both methods write into arrays the engine owns and reuses between batches, so an
 * implementation allocates nothing per call in the common case. Arrays are float32 in training
 * and float64 in gradient checks; an implementation must not assume either.
 */
public interface Activation {

  /** {@code out = g(z)}; {@code out} has z's shape and may be z itself. */
  void forward(INDArray z, INDArray out);

  /**
   * The chain rule through g: {@code gradZ = dL/dz} from {@code gradOut = dL/d g(z)}.
   *
   * @param z the pre-activations of the forward pass
   * @param out {@code g(z)} as computed by {@link #forward}
   * @param gradOut the loss gradient with respect to {@code out}
   * @param gradZ where to write the gradient with respect to {@code z}; may be {@code gradOut}
   */
  void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ);
}
