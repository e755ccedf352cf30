package dev.descent.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-parameter state of an optimizer (step count, moment buffers). Not thread-safe: the
 * engine calls it from one thread.
 */
public interface ParameterState {

  /**
   * Applies one update in place: {@code parameter} moves against {@code gradient}, which is the
   * mean gradient of the batch and must not be modified.
   */
  void step(INDArray parameter, INDArray gradient);

  /** Updates applied so far. */
  long steps();
}
