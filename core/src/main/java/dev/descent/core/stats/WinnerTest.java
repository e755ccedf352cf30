package dev.descent.core.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Is the winner real? The best configuration against another over their seeds: Welch's t-test (no equal-variance
 * assumption: one optimizer can be noisier than another), a bootstrap 95% interval of the difference of means, and
 * how many seeds would settle a difference this size.
 *
 * <p>The verdict is Welch's two-sided test at 5%. With 5 seeds per side it detects a shift of two standard
 * deviations about 77% of the time (Student's t, the best a two-sided 5% test can do for normal noise, 79%);
 * the bootstrap interval is for reading the size, not for the verdict: with few seeds it is too narrow.
 */
public final class WinnerTest {
  public static final double ALPHA = 0.05;
  public static final double POWER = 0.8;
  static final int RESAMPLES = 2000;
  /** The bootstrap's seed, fixed so the same runs always print the same interval. */
  public static final long SEED = 16;

  private WinnerTest() {}

  /**
   * Compares {@code best} with {@code other}; values that are not finite (a diverged run) are left out.
   *
   * @param higherIsBetter whether a larger objective wins (accuracy) or a smaller one (loss)
   */
  public static Comparison compare(String bestName, double[] best, String otherName, double[] other,
      boolean higherIsBetter) {
    double[] a = finite(best);
    double[] b = finite(other);
    double sign = higherIsBetter ? 1 : -1;
    double difference = sign * (StatUtils.mean(a) - StatUtils.mean(b));
    double p = a.length > 1 && b.length > 1 ? welch(a, b) : Double.NaN;
    double[] ci = bootstrap(a, b, sign);
    return new Comparison(bestName, otherName, a.length, b.length, difference, ci[0], ci[1], p,
        seedsNeeded(difference, a, b), p < ALPHA);
  }

  /** Welch's two-sided p; two samples without any spread are either equal (p 1) or certainly different (p 0). */
  private static double welch(double[] a, double[] b) {
    if (StatUtils.variance(a) == 0 && StatUtils.variance(b) == 0) {
      return StatUtils.mean(a) == StatUtils.mean(b) ? 1 : 0;
    }
    return new TTest().tTest(a, b);
  }

  /** The 2.5th and 97.5th percentiles of the difference of means over resamples of each side. */
  static double[] bootstrap(double[] a, double[] b, double sign) {
    if (a.length == 0 || b.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    SplittableRandom random = new SplittableRandom(SEED);
    double[] differences = new double[RESAMPLES];
    for (int i = 0; i < RESAMPLES; i++) {
      differences[i] = sign * (resampledMean(a, random) - resampledMean(b, random));
    }
    Percentile percentile = new Percentile();
    return new double[] {percentile.evaluate(differences, 2.5), percentile.evaluate(differences, 97.5)};
  }

  private static double resampledMean(double[] values, SplittableRandom random) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[random.nextInt(values.length)];
    }
    return sum / values.length;
  }

  /**
   * Seeds per configuration for a two-sided 5% test to find {@code difference} with 80% power, given the pooled
   * spread: the normal approximation {@code 2 (z(0.975) + z(0.8))² s² / d²} plus Guenther's {@code z(0.975)² / 4}
   * for estimating s, rounded up: for effects of 0.5 to 4 standard deviations it equals statsmodels' exact
   * {@code TTestIndPower} answer or is one seed below it. 0 when it cannot be said: no spread known, or no
   * difference to find.
   */
  static int seedsNeeded(double difference, double[] a, double[] b) {
    if (a.length + b.length < 3 || difference == 0 || Double.isNaN(difference)) {
      return 0;
    }
    double pooled = ((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (a.length + b.length - 2);
    NormalDistribution normal = new NormalDistribution();
    double za = normal.inverseCumulativeProbability(1 - ALPHA / 2);
    double zb = normal.inverseCumulativeProbability(POWER);
    double n = 2 * (za + zb) * (za + zb) * pooled / (difference * difference) + za * za / 4;
    return (int) Math.max(2, Math.ceil(n));
  }

  private static double variance(double[] v) {
    return v.length > 1 ? StatUtils.variance(v) : 0;
  }

  private static double[] finite(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).toArray();
  }
}
