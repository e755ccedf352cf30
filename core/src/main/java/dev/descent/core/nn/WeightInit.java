package dev.descent.core.nn;

import java.util.Random;
import java.util.Set;

/**
 * How a dense layer's weights start; biases start at zero. Values come from a {@link Random} seeded
 * by the run, drawn in a fixed order, so the same seed gives the same weights on any machine.
 */
public enum WeightInit {
  /** N(0, std²) with the file's {@code init_std}: the lecture's "initialize weights randomly". */
  NORMAL,
  /** U(-a, a), a = sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio 2010), torch's xavier_uniform_. */
  XAVIER_UNIFORM,
  /** N(0, 2 / (fan_in + fan_out)), torch's xavier_normal_. */
  XAVIER_NORMAL,
  /** N(0, 2 / fan_in) (He et al. 2015), torch's kaiming_normal_ for ReLU. */
  HE_NORMAL,
  /** U(-a, a), a = sqrt(6 / fan_in), torch's kaiming_uniform_ for ReLU. */
  HE_UNIFORM;

  /** The names an experiment file may use. */
  public static Set<String> names() {
    return Set.of("normal", "xavier_uniform", "xavier_normal", "he_normal", "he_uniform");
  }

  public static WeightInit byName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  /** Fills a row-major fan_in × fan_out weight matrix. */
  public void fill(double[] w, int fanIn, int fanOut, double std, Random rng) {
    switch (this) {
      case NORMAL -> gaussian(w, std, rng);
      case XAVIER_UNIFORM -> uniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
      case XAVIER_NORMAL -> gaussian(w, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
      case HE_NORMAL -> gaussian(w, Math.sqrt(2.0 / fanIn), rng);
      case HE_UNIFORM -> uniform(w, Math.sqrt(6.0 / fanIn), rng);
      default -> throw new AssertionError(this);
    }
  }

  private static void gaussian(double[] w, double std, Random rng) {
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.nextGaussian() * std;
    }
  }

  private static void uniform(double[] w, double a, Random rng) {
    for (int i = 0; i < w.length; i++) {
      w[i] = (2 * rng.nextDouble() - 1) * a;
    }
  }
}
