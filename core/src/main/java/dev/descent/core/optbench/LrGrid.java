package dev.descent.core.optbench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning rates every optimizer is tried at: {@code n} points evenly spaced in log between {@code min} and
 * {@code max}, each rounded to 3 significant digits so the sweep files and tables read cleanly. One grid for all
 * optimizers, so none is favoured by where its points fall. A budget of 1 is the geometric middle.
 */
public final class LrGrid {
  private LrGrid() {}

  public static List<Double> of(double min, double max, int n) {
    List<Double> rates = new ArrayList<>();
    if (n == 1) {
      rates.add(round(Math.sqrt(min * max)));
      return rates;
    }
    double lo = Math.log10(min);
    double step = (Math.log10(max) - lo) / (n - 1);
    for (int i = 0; i < n; i++) {
      rates.add(round(Math.pow(10, lo + i * step)));
    }
    return rates;
  }

  static double round(double v) {
    return new BigDecimal(v).round(new MathContext(3)).doubleValue();
  }
}
