package dev.descent.core.nn;

/** A layer of a {@link Network}: dense (with parameters) or dropout (without). */
sealed interface Layer permits DenseLayer, DropoutLayer {
  int inputSize();

  int outputSize();
}
