package dev.descent.core.stats;

import dev.descent.core.Numbers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One parameter's values put on a finite grid, so that its densities can be compared point by point. The store
 * keeps the trials, not the search space, so the grid is read off the values: a parameter with text values or at
 * most {@link #MAX_CHOICES} distinct values is categorical (one point per value); any other is numeric, spread
 * over {@link #STEPS} evenly spaced points between its smallest and largest value, on a log scale when every
 * value is positive and they span more than {@link #LOG_RATIO} (a log-uniform learning rate).
 */
final class ParamGrid {
  static final int STEPS = 50;
  static final int MAX_CHOICES = 10;
  static final double LOG_RATIO = 100;

  private final List<String> choices; // null when numeric
  private final boolean log;
  private final double low;
  private final double high;

  private ParamGrid(List<String> choices, boolean log, double low, double high) {
    this.choices = choices;
    this.log = log;
    this.low = low;
    this.high = high;
  }

  /** The grid of a parameter that took {@code values} (non-null) over the trials where it was active. */
  static ParamGrid of(Collection<Object> values) {
    TreeSet<String> distinct = new TreeSet<>();
    boolean numbers = true;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Object v : values) {
      distinct.add(Numbers.plain(v));
      if (v instanceof Number n) {
        min = Math.min(min, n.doubleValue());
        max = Math.max(max, n.doubleValue());
      } else {
        numbers = false;
      }
    }
    if (!numbers || distinct.size() <= MAX_CHOICES) {
      return new ParamGrid(new ArrayList<>(distinct), false, 0, 0);
    }
    boolean log = min > 0 && max / min > LOG_RATIO;
    return log ? new ParamGrid(null, true, Math.log(min), Math.log(max)) : new ParamGrid(null, false, min, max);
  }

  boolean categorical() {
    return choices != null;
  }

  int size() {
    return categorical() ? choices.size() : STEPS;
  }

  /** The grid point nearest to {@code value}. */
  int index(Object value) {
    if (categorical()) {
      return choices.indexOf(Numbers.plain(value));
    }
    double x = ((Number) value).doubleValue();
    x = log ? Math.log(x) : x;
    int i = (int) Math.rint((x - low) / (high - low) * (STEPS - 1));
    return Math.max(0, Math.min(STEPS - 1, i));
  }

  /** How many of {@code values} fall on each grid point. */
  double[] counts(Collection<Object> values) {
    double[] c = new double[size()];
    values.forEach(v -> c[index(v)]++);
    return c;
  }
}
