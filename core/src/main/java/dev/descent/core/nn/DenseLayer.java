package dev.descent.core.nn;

import dev.descent.spi.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code a = g(x W + b)} with W of shape in × out and b of shape 1 × out, both views into the
 * network's flat parameter array (and their gradients views into the flat gradient array), so the
 * optimizer and checkpoints see one contiguous block.
 */
record DenseLayer(int inputSize, int outputSize, String activationName, Activation activation,
    INDArray weights, INDArray bias, INDArray weightGrad, INDArray biasGrad) implements Layer {}
