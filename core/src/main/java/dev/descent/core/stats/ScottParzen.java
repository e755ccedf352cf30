package dev.descent.core.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A one-dimensional Parzen estimator over a {@link ParamGrid}'s points, as PED-ANOVA (Watanabe et al. 2023) and
 * Optuna's {@code PedAnovaImportanceEvaluator} build it: one kernel per occupied point weighted by its count,
 * plus a flat prior kernel of weight one so that no point has zero density. On a numeric grid the kernels are
 * Gaussians discretised to the points and truncated to the grid, with Scott's rule for the bandwidth (Optuna's
 * TPE bandwidth is too wide for this) floored so that 90% of a kernel stays within its own point. On a
 * categorical grid a kernel puts weight 1 on its choice and the prior's share spread over all.
 */
final class ScottParzen {
  static final double PRIOR_WEIGHT = 1.0;
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private ScottParzen() {}

  /** The estimator's probability of each grid point, given how many trials fell on each. */
  static double[] pdf(double[] counts, boolean categorical) {
    return categorical ? categorical(counts) : numeric(counts);
  }

  private static double[] categorical(double[] counts) {
    int n = counts.length;
    int occupied = 0;
    double total = PRIOR_WEIGHT;
    for (double c : counts) {
      occupied += c > 0 ? 1 : 0;
      total += c;
    }
    double spread = PRIOR_WEIGHT / (occupied + 1); // each kernel's share of the prior, on every choice
    double rowSum = 1 + n * spread;
    double[] pdf = new double[n];
    for (int i = 0; i < n; i++) {
      pdf[i] = PRIOR_WEIGHT / total / n;
      for (int k = 0; k < n; k++) {
        if (counts[k] > 0) {
          pdf[i] += counts[k] / total * (spread + (i == k ? 1 : 0)) / rowSum;
        }
      }
    }
    return pdf;
  }

  private static double[] numeric(double[] counts) {
    int n = counts.length;
    double total = 0;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      total += counts[i];
      mean += i * counts[i];
    }
    mean /= total;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += counts[i] * (i - mean) * (i - mean);
    }
    double sd = Math.sqrt(ss / Math.max(1, total - 1));
    double iqr = point(counts, Math.floor(total * 3 / 4)) - point(counts, Math.floor(total / 4));
    double sigma = Math.max(1.059 * Math.min(iqr / 1.34, sd) * Math.pow(total, -0.2), 0.5 / 1.64);
    double[] pdf = new double[n];
    double weights = total + PRIOR_WEIGHT;
    for (int k = 0; k < n; k++) {
      if (counts[k] > 0) {
        add(pdf, k, sigma, counts[k] / weights);
      }
    }
    add(pdf, 0.5 * (n - 1), n, PRIOR_WEIGHT / weights);
    return pdf;
  }

  /** The first occupied point at which the running count reaches {@code rank} (numpy's searchsorted, left). */
  private static int point(double[] counts, double rank) {
    double cum = 0;
    int last = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        cum += counts[i];
        last = i;
        if (cum >= rank) {
          return i;
        }
      }
    }
    return last;
  }

  /** Adds {@code weight} times a Gaussian at {@code mu}, discretised to the points and truncated to the grid. */
  private static void add(double[] pdf, double mu, double sigma, double weight) {
    double inside = NORMAL.cumulativeProbability((pdf.length - 0.5 - mu) / sigma)
        - NORMAL.cumulativeProbability((-0.5 - mu) / sigma);
    for (int i = 0; i < pdf.length; i++) {
      pdf[i] += weight * (NORMAL.cumulativeProbability((i + 0.5 - mu) / sigma)
          - NORMAL.cumulativeProbability((i - 0.5 - mu) / sigma)) / inside;
    }
  }
}
