package dev.descent.core.tracking;

/**
 * The mean and sample standard deviation (divided by n - 1, as numpy's {@code ddof=1} and pandas) of the
 * finite values among some: how descent summarises one configuration over seeds, in the sweep summary and in
 * the dashboard's grouped curves alike. NaN and infinities (a diverged run) are left out of both and of
 * {@code n}; with no finite value the mean is NaN, with one the deviation is 0.
 */
public record MeanStd(int n, double mean, double std) {

  public static MeanStd of(double... values) {
    int n = 0;
    double sum = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        n++;
        sum += v;
      }
    }
    if (n == 0) {
      return new MeanStd(0, Double.NaN, Double.NaN);
    }
    double mean = sum / n;
    double squares = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    return new MeanStd(n, mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0);
  }
}
