package dev.descent.core.train;

/**
 * Where the loss stopped being a finite number: the lecture's "large learning rates overshoot and
 * diverge", recorded as an outcome rather than a crash. Epochs and batches count from 1.
 */
public record Divergence(int epoch, int batch, double loss) {
  public String message() {
    return "loss became " + loss + " at epoch " + epoch + ", batch " + batch
        + "; the learning rate is probably too large for this optimizer";
  }
}
