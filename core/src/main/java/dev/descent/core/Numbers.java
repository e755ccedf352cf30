package dev.descent.core;

import java.math.BigDecimal;

/**
 * How descent writes a double into a file or a table people read: in full (the shortest digits that read back
 * as the same double) and the way Python and spreadsheets write it, plain decimal ({@code 0.0001},
 * {@code 0.91812}) or, for very small and very large values, {@code 1e-08} / {@code 1.5e+16} (Python's
 * {@code repr} rule), never Java's {@code 1.0E-8}.
 */
public final class Numbers {
  private Numbers() {}

  /** {@code 1e-08}, {@code 0.0001}, {@code 0.91812}, {@code 128}; NaN and infinities as Java writes them. */
  public static String plain(double d) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    if (d == 0) {
      return "0";
    }
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = b.precision() - b.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      return b.toPlainString();
    }
    String digits = b.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }

  /** A value as {@link #plain} writes doubles and floats; anything else as {@code String.valueOf}, null as empty. */
  public static String plain(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return plain(((Number) v).doubleValue());
    }
    return v == null ? "" : String.valueOf(v);
  }
}
