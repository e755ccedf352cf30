package dev.descent.core.experiment;

/**
 * Stop when {@code monitor} has not improved by more than {@code minDelta} for {@code patience}
 * epochs; with {@code restoreBest}, the weights of the best epoch are the ones evaluated and kept.
 * Without it (the default, as Keras's {@code restore_best_weights=False} and Lightning's EarlyStopping),
 * the last epoch's weights are.
 *
 * @param mode {@code min} or {@code max}; inferred from the metric's name when the file omits it
 */
public record EarlyStopping(String monitor, String mode, int patience, double minDelta, boolean restoreBest) {

  /** Whether {@code value} beats {@code best} by more than minDelta in this mode. */
  public boolean improves(double value, double best) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(value);
    }
    return "min".equals(mode) ? value < best - minDelta : value > best + minDelta;
  }
}
