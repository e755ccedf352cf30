package dev.descent.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss composed with the output layer's activation, computed from the logits z.
 * Its value and gradient equal those of the plain loss applied to g(z), up to rounding.
 */
public interface FusedLoss {

  /** The mean loss over the batch, from the logits (and the activation's output, if cheaper). */
  double value(INDArray logits, INDArray output, INDArray target);

  /** {@code gradLogits = dJ/dz}, including the 1/batch factor of the mean. */
  void gradient(INDArray logits, INDArray output, INDArray target, INDArray gradLogits);
}
