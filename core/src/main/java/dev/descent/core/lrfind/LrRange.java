package dev.descent.core.lrfind;

/**
 * The learning rates of the test: {@code steps} values spaced evenly in log from {@code start} to {@code end}, as
 * fastai's exponential schedule ({@code start * (end/start)^(i/(steps-1))}).
 */
public record LrRange(double start, double end, int steps) {
  public static final double START = 1e-7;
  public static final double END = 10;
  /** fastai's {@code num_it}. */
  public static final int DEFAULT_STEPS = 100;

  public LrRange {
    if (!(start > 0 && end > start && steps >= 2)) {
      throw new IllegalArgumentException("need 0 < start < end and at least 2 steps, was " + start + ", " + end
          + ", " + steps);
    }
  }

  /** The learning rate of step {@code i}, from 0. */
  public double lr(int i) {
    return start * Math.pow(end / start, (double) i / (steps - 1));
  }
}
