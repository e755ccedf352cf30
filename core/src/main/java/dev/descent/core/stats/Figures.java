package dev.descent.core.stats;

import dev.descent.core.Numbers;
import java.math.BigDecimal;
import java.math.MathContext;

/** How the plain lines write numbers: two significant digits, p-values bounded below, shares as percents. */
final class Figures {
  private Figures() {}

  /** {@code 0.43}, {@code 12}, {@code 0.0031}. */
  static String sig(double v) {
    if (!Double.isFinite(v) || v == 0) {
      return Numbers.plain(v);
    }
    return Numbers.plain(new BigDecimal(v).round(new MathContext(2)).doubleValue());
  }

  /** {@code p < 1e-6} or {@code p = 0.09}. */
  static String p(double p) {
    return p < 1e-6 ? "p < 1e-6" : "p = " + sig(p);
  }

  /** {@code 61%}, {@code <1%}, {@code >99%}. */
  static String percent(double share) {
    double pct = share * 100;
    return pct > 0 && pct < 0.5 ? "<1%" : pct >= 99.5 && pct < 100 ? ">99%" : Math.round(pct) + "%";
  }
}
