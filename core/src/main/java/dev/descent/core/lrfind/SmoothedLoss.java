package dev.descent.core.lrfind;

/**
 * fastai's smoothing of the batch loss: an exponential moving average with {@code beta = 0.98}, divided by
 * {@code 1 - beta^n} so the first values are not pulled towards 0 (the bias correction Adam uses for its moments).
 */
final class SmoothedLoss {
  static final double BETA = 0.98;
  private double average;
  private int count;

  /** Adds a batch loss and returns the smoothed loss so far. */
  double add(double loss) {
    count++;
    average = BETA * average + (1 - BETA) * loss;
    return average / (1 - Math.pow(BETA, count));
  }
}
