package dev.descent.core.tuning;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where one search parameter draws its values from. A sampler works in an "internal" coordinate: for a
 * numeric distribution the value itself, or its logarithm for the log ones, so that TPE's Parzen
 * windows are symmetric where the user thinks of the scale as symmetric; for a categorical, the index of
 * the choice.
 */
public sealed interface Distribution permits Distribution.Numeric, Distribution.Categorical {

  /** A fresh value drawn uniformly (in the internal coordinate) with {@code random}. */
  Object sample(SplittableRandom random);

  /**
   * A number range: {@code uniform}, {@code log_uniform}, {@code int_uniform}, {@code int_log_uniform}.
   *
   * @param step quantisation: values are {@code low + k * step}, never above {@code high}; 0 for none
   *     (integers have step 1 at least)
   */
  record Numeric(String kind, double low, double high, double step, boolean log, boolean integer)
      implements Distribution {

    /** The internal coordinate's bounds. */
    public double lowInternal() {
      return log ? Math.log(integer ? low - 0.5 : low) : integer || step > 0 ? low - halfStep() : low;
    }

    public double highInternal() {
      return log ? Math.log(integer ? high + 0.5 : high) : integer || step > 0 ? high + halfStep() : high;
    }

    private double halfStep() {
      return (step > 0 ? step : 1) / 2;
    }

    public double toInternal(double value) {
      return log ? Math.log(value) : value;
    }

    /** The value at internal coordinate {@code x}, clipped into range and rounded to the grid of steps. */
    public Object fromInternal(double x) {
      double v = log ? Math.exp(x) : x;
      double s = integer ? Math.max(1, step) : step;
      if (s > 0) {
        v = low + Math.round((v - low) / s) * s;
        while (v > high + 1e-12 * Math.abs(high)) {
          v -= s;
        }
      }
      v = Math.min(high, Math.max(low, v));
      if (s > 0 && !integer) { // 0.35, not 0.35000000000000003: the value is written into the file and shown
        v = new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
      }
      return integer ? (Object) Math.round(v) : (Object) v;
    }

    @Override
    public Object sample(SplittableRandom random) {
      double lo = lowInternal();
      double hi = highInternal();
      return fromInternal(lo + random.nextDouble() * (hi - lo));
    }
  }

  /** A list of choices: names, numbers or optimizer mappings, as a grid axis lists them. */
  record Categorical(List<Object> values) implements Distribution {
    public Categorical {
      values = List.copyOf(values);
    }

    @Override
    public Object sample(SplittableRandom random) {
      return values.get(random.nextInt(values.size()));
    }
  }
}
