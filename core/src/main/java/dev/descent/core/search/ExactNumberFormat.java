package dev.descent.core.search;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Reads a query's numbers with {@link Double#parseDouble}, all of the text or nothing.
 *
 * <p>Lucene's {@code PointsConfig} needs a {@link NumberFormat}; the locale's default {@code DecimalFormat}
 * stops at the first character it does not understand, so {@code 1e-3} silently became {@code 1.0} and
 * {@code learning_rate<=1e-3} matched nearly everything. This one accepts exactly what Java accepts as a
 * double ({@code 0.001}, {@code 1e-3}, {@code 1E-3}, {@code 128}, {@code NaN}, {@code Infinity}) and fails
 * on anything else, so a typo is an error, not a different number.
 */
final class ExactNumberFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;

  /** Parses all of {@code text}, or returns null. */
  static Double exact(CharSequence text) {
    try {
      String s = text.toString().trim();
      // parseDouble also takes "1d" and "0x1p3"; a query language should not.
      if (s.isEmpty() || s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")
          || s.contains("x") || s.contains("X")) {
        return null;
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public Number parse(String source, ParsePosition position) {
    Double value = exact(source.substring(position.getIndex()));
    if (value == null) {
      position.setErrorIndex(position.getIndex());
      return null;
    }
    position.setIndex(source.length());
    return value;
  }

  @Override
  public StringBuffer format(double number, StringBuffer target, FieldPosition position) {
    return target.append(number);
  }

  @Override
  public StringBuffer format(long number, StringBuffer target, FieldPosition position) {
    return target.append(number);
  }
}
