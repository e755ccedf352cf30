/**
 * The built-in losses, each the mean over the batch, with stable fused forms for cross-entropy
 * after a sigmoid or softmax output layer.
 */
package dev.descent.builtin.loss;
