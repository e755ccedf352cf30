package dev.descent.core.optbench;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The mean of a metric over seeds with its 95% confidence interval from Student's t (mean ± t(0.975, n-1) s /
 * sqrt(n)): with 5 seeds the half-width is 2.78 standard errors. Values that are not finite (diverged runs) are
 * left out and counted apart.
 *
 * @param mean NaN when no value is finite
 * @param halfWidth NaN with fewer than two finite values
 * @param n the finite values
 */
public record MeanInterval(double mean, double halfWidth, int n) {

  public static MeanInterval of(double[] values) {
    double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      return new MeanInterval(Double.NaN, Double.NaN, 0);
    }
    double mean = StatUtils.mean(finite);
    if (finite.length < 2) {
      return new MeanInterval(mean, Double.NaN, 1);
    }
    double t = new TDistribution(finite.length - 1).inverseCumulativeProbability(0.975);
    return new MeanInterval(mean, t * Math.sqrt(StatUtils.variance(finite) / finite.length), finite.length);
  }
}
