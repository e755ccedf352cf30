package dev.descent.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A configured optimizer: immutable, shared by every parameter it updates and safe to use from
 * several threads. Everything that changes during training lives in the {@link ParameterState}s it
 * creates, one per parameter array, so two parameters never share moment buffers.
 */
public interface Optimizer {

  /** The validated configuration, as recorded with every run. */
  Params params();

  /** The base learning rate, reported per epoch. */
  double learningRate();

  /**
   * Creates the state for one parameter array (moment buffers sized like it, a step counter).
   * The parameter's values are the starting point; the state must not keep the array itself.
   */
  ParameterState newState(INDArray parameter);
}
