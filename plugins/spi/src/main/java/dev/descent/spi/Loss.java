package dev.descent.spi;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A configured loss J: the mean over a batch of a per-example loss between the network's output
 * and the target, both with one row per example.
 */
public interface Loss {

  /** The mean loss over the batch. */
  double value(INDArray output, INDArray target);

  /** {@code gradOutput = dJ/d output}, including the 1/batch factor of the mean. */
  void gradient(INDArray output, INDArray target, INDArray gradOutput);

  /**
   * A numerically stable form of this loss composed with the output activation named, if the loss
   * has one: cross-entropy after a softmax or a sigmoid has the gradient {@code (p - y)/n} with
   * respect to the logits, which stays finite where the two-step chain rule overflows.
   */
  default Optional<FusedLoss> fusedWith(String activationName) {
    return Optional.empty();
  }
}
