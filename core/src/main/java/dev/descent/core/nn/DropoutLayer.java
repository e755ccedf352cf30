package dev.descent.core.nn;

/**
 * Inverted dropout: in training, inputs are kept with probability 1 - rate and scaled by
 * 1/(1 - rate), so evaluation needs no rescaling and passes inputs through unchanged.
 */
record DropoutLayer(int inputSize, double rate) implements Layer {
  @Override
  public int outputSize() {
    return inputSize;
  }

  double keep() {
    return 1.0 - rate;
  }
}
